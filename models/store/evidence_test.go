package store_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"roviec/models"
)

// pdfBytes is a small document that starts as every PDF does.
func pdfBytes(text string) []byte { return []byte("%PDF-1.7\n" + text + "\n%%EOF\n") }

// TestAttachAndRemoveFile: attaching stores the file once per content,
// lists it, raises the assignment's version and writes a history row and an
// audit row with it; removing takes it off the list, keeps it readable and
// writes its own rows; the same content attached twice is stored once.
func TestAttachAndRemoveFile(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, assignmentIn(models.StatusInProgress))
	focal := f.users["focal"]
	at := seedTime.Add(time.Hour)
	byFocal := models.WithActor(ctx, models.UserActor(focal, "203.0.113.9"))
	data := pdfBytes("Kế hoạch số 12")

	file, err := f.s.AttachFile(byFocal, focal, a.ID, `C:\Scan\Kế hoạch 12.PDF`, models.FilePDF, data, at)
	must(t, err)
	if file.Name != "Kế hoạch 12.pdf" || file.Size != int64(len(data)) || len(file.SHA256) != 64 {
		t.Errorf("file stored as %+v", file)
	}
	again, err := f.s.AttachFile(byFocal, focal, a.ID, "copy.pdf", models.FilePDF, data, at)
	must(t, err)
	if n := count(t, f.s, "evidence_blobs"); n != 1 || again.SHA256 != file.SHA256 {
		t.Errorf("the same content attached twice: %d blobs, want 1", n)
	}
	list, err := f.s.Files(ctx, a.ID)
	must(t, err)
	if len(list) != 2 || list[0].UploadedBy == nil || list[0].UploadedBy.ID != focal.ID {
		t.Fatalf("files listed: %+v", list)
	}
	got, err := f.s.AssignmentByID(ctx, a.ID)
	must(t, err)
	if got.Version != a.Version+2 || !got.UpdatedAt.Equal(a.UpdatedAt) {
		t.Errorf("after two files: version %d, updated %s; want %d, %s (no field changed)", got.Version, got.UpdatedAt, a.Version+2, a.UpdatedAt)
	}

	_, err = f.s.RemoveFile(byFocal, focal, again.ID, at.Add(time.Minute))
	must(t, err)
	if _, err := f.s.RemoveFile(byFocal, focal, again.ID, at.Add(time.Minute)); !errors.Is(err, models.ErrConflict) {
		t.Errorf("removing a removed file: %v, want a conflict", err)
	}
	list, err = f.s.Files(ctx, a.ID)
	must(t, err)
	if len(list) != 1 || list[0].ID != file.ID {
		t.Errorf("after removal the list holds %+v", list)
	}
	removed, err := f.s.FileByID(ctx, again.ID)
	must(t, err)
	content, err := f.s.FileContent(ctx, removed)
	must(t, err)
	if removed.RemovedAt == nil || removed.RemovedByID == nil || *removed.RemovedByID != focal.ID || !bytes.Equal(content, data) {
		t.Errorf("removed file: %+v, content %q", removed, content)
	}

	hist, err := f.s.History(ctx, a.ID)
	must(t, err)
	var events []string
	for _, u := range hist {
		if u.FileEvent != "" {
			events = append(events, string(u.FileEvent)+" "+u.File.Name)
		}
	}
	if strings.Join(events, "; ") != "attached Kế hoạch 12.pdf; attached copy.pdf; removed copy.pdf" {
		t.Errorf("history of files: %q", events)
	}
	var trail []string
	for _, r := range auditRows(t, f.s) {
		if r.Entity == models.AuditAssignment && r.EntityID == "1" && r.Address == "203.0.113.9" {
			trail = append(trail, string(r.Action)+" "+r.Before+" "+r.After)
		}
	}
	if len(trail) != 3 || !strings.HasPrefix(trail[0], `file_attach  {"FileID":1,"Kind":"pdf","Name":"Kế hoạch 12.pdf"`) ||
		!strings.HasPrefix(trail[2], `file_remove {"FileID":2,`) {
		t.Errorf("audit rows:\n%s", strings.Join(trail, "\n"))
	}
	if got, _ := f.s.AssignmentByID(ctx, a.ID); got.Version != a.Version+3 {
		t.Errorf("version after the removal %d, want %d", got.Version, a.Version+3)
	}
}

// TestAttachFileRefused: another agency's focal point, a viewer, a closed
// assignment and an unknown one are refused, and nothing is stored.
func TestAttachFileRefused(t *testing.T) {
	f := newFixture(t)
	open := f.assignment(t, assignmentIn(models.StatusInProgress))
	done := f.assignment(t, assignmentIn(models.StatusDone))
	for _, c := range []struct {
		name string
		user string
		id   uint
		want error
	}{
		{"another agency's focal point", "focal2", open.ID, models.ErrForbidden},
		{"a viewer", "viewer", open.ID, models.ErrForbidden},
		{"a deactivated focal point", "inactive", open.ID, models.ErrForbidden},
		{"a done assignment", "coordinator", done.ID, models.ErrConflict},
		{"an unknown assignment", "admin", 999, models.ErrNotFound},
	} {
		if _, err := f.s.AttachFile(ctx, f.users[c.user], c.id, "a.pdf", models.FilePDF, pdfBytes(c.name), seedTime); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	for _, table := range []string{"evidence_blobs", "evidence_files"} {
		if n := count(t, f.s, table); n != 0 {
			t.Errorf("%d rows in %s after refusals", n, table)
		}
	}
	if _, err := f.s.AttachFile(ctx, f.users["focal"], open.ID, "a.pdf", models.FilePDF, make([]byte, models.MaxEvidenceSize+1), seedTime); err == nil {
		t.Error("a file over the limit was stored")
	}
}

// TestEvidenceFilesAreNeverChanged: the database itself refuses to change
// or delete a stored content or a file row, but lets a file be removed.
func TestEvidenceFilesAreNeverChanged(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, assignmentIn(models.StatusInProgress))
	file, err := f.s.AttachFile(ctx, f.users["focal"], a.ID, "a.pdf", models.FilePDF, pdfBytes("x"), seedTime)
	must(t, err)
	db := f.s.DB()
	for _, stmt := range []string{
		"UPDATE evidence_blobs SET data = data",
		"DELETE FROM evidence_blobs",
		"UPDATE evidence_files SET name = 'other.pdf'",
		"UPDATE evidence_files SET sha256 = 'x'",
		"DELETE FROM evidence_files",
	} {
		if err := db.Exec(stmt).Error; err == nil {
			t.Errorf("%s: accepted", stmt)
		}
	}
	if _, err := f.s.RemoveFile(ctx, f.users["focal"], file.ID, seedTime); err != nil {
		t.Errorf("removing: %v", err)
	}
}
