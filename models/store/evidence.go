package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roviec/models"
)

// evidenceBlob is the content of evidence files, stored once per SHA-256
// (the same scan attached to two assignments is kept once). It lives in the
// database on SQLite and PostgreSQL alike: every instance sees it, a backup
// of the database holds it, and a file, its history row and its audit row
// commit or roll back together, which files on a disk beside the database
// could not. At 10 MB a file at most, a row holds it well.
type evidenceBlob struct {
	SHA256 string `gorm:"column:sha256;primaryKey"`
	Size   int64
	Data   []byte
}

func (evidenceBlob) TableName() string { return "evidence_blobs" }

// fileAudit is what the audit trail keeps of a file: what it is, never its
// content.
func fileAudit(f *models.EvidenceFile) map[string]any {
	return map[string]any{"FileID": f.ID, "Name": f.Name, "Kind": f.Kind, "Size": f.Size, "SHA256": f.SHA256}
}

// AttachFile attaches data, a document of kind (told from its content by the
// caller), named name, to assignment id as actor's evidence at now. The
// file, its history row and its audit row are written in one transaction,
// which raises the assignment's version; an open assignment only, by whoever
// may report on it. The name is kept made safe (models.EvidenceFileName).
func (s *Store) AttachFile(ctx context.Context, actor *models.User, id uint, name string, kind models.FileKind, data []byte, now time.Time) (*models.EvidenceFile, error) {
	if len(data) > models.MaxEvidenceSize {
		return nil, models.Invalid("file", "err.file_too_large", "Size", models.MaxEvidenceSizeText)
	}
	if !kind.Valid() {
		return nil, models.Invalid("file", "err.file_type", "List", models.AcceptedFileTypes)
	}
	sum := sha256.Sum256(data)
	f := &models.EvidenceFile{Name: models.EvidenceFileName(name, kind), Kind: kind, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), UploadedAt: now.UTC()}
	if actor != nil {
		f.UploadedByID = &actor.ID
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		a, err := s.assignmentForFiles(tx, actor, id)
		if err != nil {
			return err
		}
		blob := evidenceBlob{SHA256: f.SHA256, Size: f.Size, Data: data}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&blob).Error; err != nil {
			return err
		}
		f.ID, f.AssignmentID = 0, a.ID // a retried transaction starts again
		if err := tx.Omit(clause.Associations).Create(f).Error; err != nil {
			return err
		}
		return fileEvent(tx, a, f, models.FileAttached, actor, now, models.AuditFileAttach, nil, fileAudit(f))
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// RemoveFile takes file id off its assignment's list, by actor at now, in
// one transaction with its history and audit rows, raising the assignment's
// version. The file stays stored and readable from the history.
func (s *Store) RemoveFile(ctx context.Context, actor *models.User, id uint, now time.Time) (*models.EvidenceFile, error) {
	var f models.EvidenceFile
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&f, id).Error; err != nil {
			return NotFound(err)
		}
		a, err := s.assignmentForFiles(tx, actor, f.AssignmentID)
		if err != nil {
			return err
		}
		at := now.UTC()
		res := tx.Model(&models.EvidenceFile{}).Where("id = ? AND removed_at IS NULL", f.ID).
			Updates(map[string]any{"removed_at": at, "removed_by_id": userID(actor)})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.Conflict("err.file_removed", "Name", f.Name)
		}
		return fileEvent(tx, a, &f, models.FileRemoved, actor, now, models.AuditFileRemove, fileAudit(&f), nil)
	})
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// userID is the id of u, or nil for the system.
func userID(u *models.User) *uint {
	if u == nil {
		return nil
	}
	return &u.ID
}

// assignmentForFiles locks assignment id for a change of its files and
// checks that actor may report on it and that it is still open.
func (s *Store) assignmentForFiles(tx *gorm.DB, actor *models.User, id uint) (*models.Assignment, error) {
	var a models.Assignment
	if err := forUpdate(tx).First(&a, id).Error; err != nil {
		return nil, NotFound(err)
	}
	if !models.Can(actor, models.ActUpdateAssignment, a.AgencyID) {
		return nil, models.ErrForbidden
	}
	if !models.IsOpen(a.Status) {
		return nil, models.Conflict("err.file_closed")
	}
	return &a, nil
}

// fileEvent raises a's version and records the event on f in its history
// and in the audit trail.
func fileEvent(tx *gorm.DB, a *models.Assignment, f *models.EvidenceFile, ev models.FileEvent, actor *models.User, now time.Time,
	action models.AuditAction, before, after any) error {
	prev := a.Version
	a.Version++
	if err := saveAssignment(tx, a, prev); err != nil {
		return err
	}
	if err := queueAssignmentHooks(tx, a.Status, a, now); err != nil {
		return err
	}
	if err := tx.Omit(clause.Associations).Create(models.FileEventRow(a, f, ev, actor, now)).Error; err != nil {
		return err
	}
	return audit(tx, models.AuditAssignment, a.ID, action, before, after)
}

// Files lists the evidence files of an assignment not removed, oldest
// first, with who uploaded them.
func (s *Store) Files(ctx context.Context, assignmentID uint) ([]models.EvidenceFile, error) {
	var list []models.EvidenceFile
	err := s.db.WithContext(ctx).Preload("UploadedBy").Where("assignment_id = ? AND removed_at IS NULL", assignmentID).
		Order("uploaded_at, id").Find(&list).Error
	return list, err
}

// FilesOf lists the evidence files (not removed, oldest first) of each of
// the given assignments, in one query: a page of the review queue shows
// each card's files.
func (s *Store) FilesOf(ctx context.Context, assignmentIDs []uint) (map[uint][]models.EvidenceFile, error) {
	out := map[uint][]models.EvidenceFile{}
	if len(assignmentIDs) == 0 {
		return out, nil
	}
	var list []models.EvidenceFile
	err := s.db.WithContext(ctx).Where("assignment_id IN ? AND removed_at IS NULL", assignmentIDs).
		Order("uploaded_at, id").Find(&list).Error
	for _, f := range list {
		out[f.AssignmentID] = append(out[f.AssignmentID], f)
	}
	return out, err
}

// FileByID loads an evidence file's record, removed or not.
func (s *Store) FileByID(ctx context.Context, id uint) (*models.EvidenceFile, error) {
	var f models.EvidenceFile
	if err := s.db.WithContext(ctx).Preload("UploadedBy").First(&f, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &f, nil
}

// FileContent reads the content of f.
func (s *Store) FileContent(ctx context.Context, f *models.EvidenceFile) ([]byte, error) {
	var b evidenceBlob
	if err := s.db.WithContext(ctx).Where("sha256 = ?", f.SHA256).First(&b).Error; err != nil {
		return nil, NotFound(err)
	}
	return b.Data, nil
}
