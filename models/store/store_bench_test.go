package store_test

import (
	"strconv"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// BenchmarkCreateDirectiveForAll93 writes one directive and its 93
// assignments in one transaction.
func BenchmarkCreateDirectiveForAll93(b *testing.B) {
	s := seededStore(b)
	plan := plan2023(b, s)
	themes, err := s.ListThemes(ctx, plan.ID)
	if err != nil {
		b.Fatal(err)
	}
	in := models.DirectiveInput{ThemeID: themes[1].ID, Title: "Ban hành kế hoạch dữ liệu mở", Deliverable: "Kế hoạch",
		DueDate: "2023-04-30", AgencyKinds: []models.AgencyKind{models.KindMinistry, models.KindProvince}}
	b.ReportAllocs()
	for b.Loop() {
		if _, list, err := s.CreateDirective(ctx, in, nil, seedTime); err != nil || len(list) != 93 {
			b.Fatal(err, len(list))
		}
	}
}

// BenchmarkListAssignmentsOverdue500 reads the largest API page of overdue
// assignments with their directives and agencies.
func BenchmarkListAssignmentsOverdue500(b *testing.B) {
	s := seededStore(b)
	now := time.Date(2023, 10, 2, 1, 0, 0, 0, time.UTC)
	f := store.AssignmentFilter{Timeliness: models.OpenOverdue, Page: store.Page{PerPage: 500}}
	b.ReportAllocs()
	for b.Loop() {
		if list, _, err := s.ListAssignments(ctx, f, now); err != nil || len(list) != 500 {
			b.Fatal(err, len(list))
		}
	}
}

// BenchmarkUpdateAssignmentWithHistory is the API's change of progress or
// owner (the write test's request): the row, its history row and audit
// entry in one transaction, answered with the assignment's history, here
// ten rows long.
func BenchmarkUpdateAssignmentWithHistory(b *testing.B) {
	s := seededStore(b)
	admin, err := s.CreateUser(ctx, models.NewUser{Email: "admin@test.vn", Name: "Quản trị", Role: models.RoleAdmin, Password: "mat-khau-thu"})
	if err != nil {
		b.Fatal(err)
	}
	var a models.Assignment
	if err := s.DB().Where("status IN ?", []models.Status{models.StatusNotStarted, models.StatusInProgress}).Order("id").First(&a).Error; err != nil {
		b.Fatal(err)
	}
	read, err := s.AssignmentByID(ctx, a.ID)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2023, 6, 1, 2, 0, 0, 0, time.UTC)
	change := func(n int) models.AssignmentChange {
		if n%2 == 1 {
			p := 1 + n%98
			return models.AssignmentChange{Progress: &p}
		}
		name := "Cán bộ phụ trách " + strconv.Itoa(n)
		return models.AssignmentChange{OwnerName: &name}
	}
	for n := range 10 {
		if _, err := s.UpdateAssignment(ctx, admin, read, change(n), now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	n := 10
	for b.Loop() {
		n++
		if _, hist, err := s.UpdateAssignmentWithHistory(ctx, admin, read, change(n), now); err != nil || len(hist) < 10 {
			b.Fatal(err, len(hist))
		}
		if n%5 == 0 { // keep the history at ten to fifteen rows
			b.StopTimer()
			if err := s.DB().Where("assignment_id = ? AND id NOT IN (SELECT id FROM updates WHERE assignment_id = ? ORDER BY id DESC LIMIT 10)", a.ID, a.ID).Delete(&models.Update{}).Error; err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
}
