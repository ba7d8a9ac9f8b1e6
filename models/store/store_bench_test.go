package store_test

import (
	"roviec/models/store"
	"testing"
	"time"

	"roviec/models"
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
