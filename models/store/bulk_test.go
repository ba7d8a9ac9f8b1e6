package store_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/bulk"
)

// bulkRows writes, through a bulk writer, two agencies, a user, a plan with
// a theme and a directive, an assignment with n history rows (several
// batches when n is large), and one row of each reminder table.
func bulkRows(t *testing.T, w *bulk.Writer, a models.Assignment, n int) {
	t.Helper()
	at := time.Date(2023, 3, 1, 2, 0, 0, 0, time.UTC)
	one := uint(1)
	must(t, w.AddAgency(&models.Agency{ID: 1, Code: "BTC", Name: "Bộ Tài chính", Kind: models.KindMinistry, Active: true, SearchKey: "btc bo tai chinh"}))
	must(t, w.AddAgency(&models.Agency{ID: 2, Code: "T0001", Name: "Tân Hòa", Kind: models.KindProvince, Active: true}))
	must(t, w.AddUser(&models.User{ID: 1, Email: "focal@x.vn", Name: "Đầu mối", Role: models.RoleFocal, AgencyID: &one,
		Language: "vi", Active: true, PasswordHash: "h", CreatedAt: at, UpdatedAt: at}))
	must(t, w.AddPlan(&models.Plan{ID: 1, Name: "Kế hoạch", Year: 2023, CreatedAt: at, UpdatedAt: at}))
	must(t, w.AddTheme(&models.Theme{ID: 1, PlanID: 1, FirstMonth: 1, LastMonth: 3, TitleVI: "Quý I"}))
	must(t, w.AddDirective(&models.Directive{ID: 1, PlanID: 1, ThemeID: 1, Title: "Nhiệm vụ", DueOn: "2023-03-31",
		CreatedByID: &one, CreatedAt: at, UpdatedAt: at}))
	must(t, w.AddAssignment(&a))
	for i := range n {
		must(t, w.AddUpdate(&models.Update{ID: uint(i + 1), AssignmentID: 1, UserID: &one, At: at.Add(time.Duration(i) * time.Second),
			FromStatus: models.StatusNotStarted, ToStatus: models.StatusInProgress, Progress: 10, Note: "Cập nhật", DueOn: "2023-03-31"}))
	}
	must(t, w.AddExtension(&models.Extension{ID: 1, AssignmentID: 1, RequestedByID: 1, RequestedAt: at, CurrentDue: "2023-03-31",
		NewDue: "2023-04-14", Reason: "Chờ số liệu", Status: models.ExtensionApproved, DecidedByID: &one, DecidedAt: &at}))
	must(t, w.AddExplanation(&models.ExplanationRequest{ID: 1, AssignmentID: 1, DueOn: "2023-03-31", RequestedAt: at}))
	must(t, w.AddOutbox(&models.OutboxMessage{ID: 1, Recipients: "focal@x.vn", Subject: "Nhắc việc", Status: models.OutboxSent,
		Attempts: 1, NextAttemptAt: at, CreatedAt: at, SentAt: &at}))
	must(t, w.AddReminderLog(&models.ReminderLog{ID: 1, Key: "overdue:a1:2023-03-31:w1:focal@x.vn", Rule: models.RuleOverdue,
		AssignmentID: &one, Recipient: "focal@x.vn", OutboxID: &one, PassAt: at}))
}

// TestBulkWriterStoresWhatGORMStores writes 120,000 history rows (three
// transactions) after their assignment, and an assignment both through the
// bulk writer and through GORM: the columns hold the same text, and every
// table reads back what was written.
func TestBulkWriterStoresWhatGORMStores(t *testing.T) {
	s := newStore(t)
	w, err := bulk.NewWriter(ctx, s.DB())
	must(t, err)
	loc := hcm(t)
	a := models.Assignment{ID: 1, DirectiveID: 1, AgencyID: 1, OwnerName: "Lê Văn An", OwnerEmail: "an@x.vn",
		Status: models.StatusDone, Progress: 100, DueOn: "2023-04-14", OriginalDue: "2023-03-31", SubmittedOn: "2023-04-10",
		CompletedOn: "2023-04-10", EvidenceRef: "12/BC", EvidenceDate: "2023-04-09", EvidenceURL: "https://x.vn/12",
		CreatedAt: time.Date(2023, 1, 5, 8, 50, 30, 0, loc).UTC(), UpdatedAt: time.Date(2023, 4, 12, 9, 1, 2, 0, loc).UTC()}
	bulkRows(t, w, a, 120_000)
	must(t, w.Close())
	viaGORM := a
	viaGORM.ID, viaGORM.AgencyID, viaGORM.OriginalDue, viaGORM.EvidenceURL = 2, 2, "", ""
	must(t, s.DB().Create(&viaGORM).Error)
	var raw []map[string]any
	must(t, s.DB().Raw("SELECT * FROM assignments ORDER BY id").Scan(&raw).Error)
	for _, col := range []string{"owner_name", "status", "progress", "due_on", "submitted_on", "evidence_date", "created_at", "updated_at"} {
		if !reflect.DeepEqual(raw[0][col], raw[1][col]) {
			t.Errorf("%s: the bulk writer stored %#v, GORM %#v", col, raw[0][col], raw[1][col])
		}
	}
	for _, col := range []string{"original_due_on", "evidence_url"} {
		if raw[1][col] != nil && raw[1][col] != "" || raw[0][col] == nil {
			t.Errorf("%s: %#v and %#v", col, raw[0][col], raw[1][col])
		}
	}
	got, err := s.AssignmentByID(ctx, 1)
	must(t, err)
	got.Directive, got.Agency = nil, nil
	if *got != a {
		t.Errorf("assignment read back\n%+v\nwritten\n%+v", *got, a)
	}
	if n := count(t, s, "updates"); n != 120_000 {
		t.Errorf("%d history rows", n)
	}
	var ext models.Extension
	must(t, s.DB().First(&ext).Error)
	if ext.NewDue != "2023-04-14" || ext.DecidedAt == nil || !ext.DecidedAt.Equal(ext.RequestedAt) || *ext.DecidedByID != 1 {
		t.Errorf("extension read back: %+v", ext)
	}
	var log models.ReminderLog
	must(t, s.DB().First(&log).Error)
	if log.Key != "overdue:a1:2023-03-31:w1:focal@x.vn" || *log.OutboxID != 1 || log.Rule != models.RuleOverdue {
		t.Errorf("reminder log read back: %+v", log)
	}
}

// TestBulkWriterRefusesAndReports refuses a database that holds a
// programme, and reports the table of a batch that fails.
func TestBulkWriterRefusesAndReports(t *testing.T) {
	_, err := bulk.NewWriter(ctx, seededStore(t).DB())
	if err == nil || !strings.Contains(err.Error(), "not empty (it holds agencies, plans, themes, directives, assignments)") {
		t.Fatalf("a seeded database must be refused: %v", err)
	}
	w, err := bulk.NewWriter(ctx, newStore(t).DB())
	must(t, err)
	must(t, w.AddUpdate(&models.Update{ID: 1, AssignmentID: 99, At: time.Now()}))
	if err := w.Close(); err == nil || !strings.Contains(err.Error(), "insert into updates") {
		t.Fatalf("a history row without its assignment must fail: %v", err)
	}
}
