package models

import (
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
)

// MaxEvidenceSize bounds an evidence file: a signed document scanned as a
// PDF or photographed is well under it, and the whole file is held in memory
// while it is checked and stored, and kept in the database.
const MaxEvidenceSize = 10 << 20

// MaxEvidenceSizeText is MaxEvidenceSize as messages and the README say it.
const MaxEvidenceSizeText = "10 MB"

// FileKind is a type of document accepted as evidence, told by its content
// (models/filetype), never by its name or what the client says it is.
type FileKind string

// The kinds of evidence files accepted. Legacy Word and Excel files (.doc,
// .xls) are not: their container (OLE2) also carries macros and other
// programs and cannot be told apart without parsing it; saving them as PDF
// or as .docx/.xlsx takes a click.
const (
	FilePDF  FileKind = "pdf"
	FilePNG  FileKind = "png"
	FileJPEG FileKind = "jpeg"
	FileDOCX FileKind = "docx"
	FileXLSX FileKind = "xlsx"
	FileODT  FileKind = "odt"
	FileODS  FileKind = "ods"
)

// fileKindInfo is what a kind is served as and the extensions its files
// carry (the first is given to a name without one of them).
var fileKindInfo = map[FileKind]struct {
	contentType string
	exts        []string
}{
	FilePDF:  {"application/pdf", []string{".pdf"}},
	FilePNG:  {"image/png", []string{".png"}},
	FileJPEG: {"image/jpeg", []string{".jpg", ".jpeg"}},
	FileDOCX: {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}},
	FileXLSX: {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}},
	FileODT:  {"application/vnd.oasis.opendocument.text", []string{".odt"}},
	FileODS:  {"application/vnd.oasis.opendocument.spreadsheet", []string{".ods"}},
}

// AcceptedFileTypes lists the accepted types as a user knows them, for
// messages and the upload form.
const AcceptedFileTypes = "PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS"

// ContentType is the media type a file of kind k is served with.
func (k FileKind) ContentType() string { return fileKindInfo[k].contentType }

// Valid reports whether k is one of the accepted kinds.
func (k FileKind) Valid() bool { _, ok := fileKindInfo[k]; return ok }

// EvidenceFile is a document attached to an assignment as evidence (the
// signed plan or report). Its content is stored once per SHA-256, however
// many times it is attached. A row is never changed but for being removed:
// a removed file leaves the assignment's list and stays readable from the
// history.
type EvidenceFile struct {
	ID           uint     `gorm:"primaryKey"`
	AssignmentID uint     `gorm:"not null;index"`
	Name         string   `gorm:"not null"` // the uploader's file name, made safe (EvidenceFileName)
	Kind         FileKind `gorm:"not null"`
	Size         int64    `gorm:"not null"`
	SHA256       string   `gorm:"column:sha256;not null"` // hex; the key of its content
	UploadedByID *uint
	UploadedBy   *User
	UploadedAt   time.Time `gorm:"not null"`
	RemovedByID  *uint
	RemovedBy    *User
	RemovedAt    *time.Time
}

// FileEvent says what a history row did with an evidence file.
type FileEvent string

// What a history row may do with a file ("" in rows about no file).
const (
	FileAttached FileEvent = "attached"
	FileRemoved  FileEvent = "removed"
)

// FileEventRow is the history row of an event on file f of a: the
// assignment as it is (none of its fields changes) at its version, which the
// caller has raised, so that a form read before the event sees that the
// assignment moved on.
func FileEventRow(a *Assignment, f *EvidenceFile, ev FileEvent, actor *User, now time.Time) *Update {
	u := event(a, actor, now, a.Status, "")
	u.FileID, u.FileEvent = &f.ID, ev
	return u
}

// EvidenceFileName makes the name a client sent for a file of kind k safe to
// keep and to offer back as a download name: its last path element only
// (some browsers send the whole path), control characters and broken UTF-8
// replaced, at most MaxNameLen characters, and an extension of its kind (the
// kind's added when the name has another: "bao-cao.exe" holding a PDF is
// kept as "bao-cao.exe.pdf", so it opens as what it is).
func EvidenceFileName(name string, k FileKind) string {
	name = strings.ToValidUTF8(name, "_")
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	stem, ext := name, fileKindInfo[k].exts[0]
	if own := path.Ext(name); slices.Contains(fileKindInfo[k].exts, strings.ToLower(own)) {
		stem, ext = strings.TrimSuffix(name, own), strings.ToLower(own)
	}
	stem = strings.TrimSpace(stem)
	if stem == "" {
		stem = "tep-minh-chung"
	}
	return ClipText(stem, MaxNameLen-len([]rune(ext))) + ext
}
