package store_test

import (
	"errors"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// TestThemeMatrixCells draws a small theme: directives by deadline across the
// top, ministries then provinces down the side, an empty cell where an agency
// holds no copy.
func TestThemeMatrixCells(t *testing.T) {
	f := newFixture(t)
	late := f.hold(t, f.theme.ID, held{"01", "2023-03-31", models.StatusInProgress, 30, ""})
	_, list, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Công bố danh mục dữ liệu mở",
		Deliverable: "Danh mục", DueDate: "2023-03-15", AgencyCodes: []string{"01", "BTTTT"}}, f.users["coordinator"], seedTime)
	must(t, err)
	now := hn(t, 2023, 3, 10, 9, 0)
	m, err := f.s.ThemeMatrix(ctx, f.theme.ID, "", now, store.MatrixWindow{})
	must(t, err)
	if len(m.Directives) != 2 || m.Directives[0].DueOn != "2023-03-15" || m.Directives[1].ID != late.DirectiveID {
		t.Fatalf("directives: %+v", m.Directives)
	}
	if len(m.Rows) != 2 || m.Rows[0].Agency.Code != "BTTTT" || m.Rows[1].Agency.Code != "01" {
		t.Fatalf("rows: %+v", m.Rows)
	}
	if c := m.Rows[0].Cells; c[0] == nil || c[1] != nil || c[0].Status != models.StatusNotStarted ||
		c[0].Timeliness.Class != models.OpenOnTrack || !c[0].Timeliness.DueSoon {
		t.Errorf("BTTTT cells: %+v %+v", c[0], c[1])
	}
	var hanoi uint // Hà Nội's copy of the open-data directive
	for _, a := range list {
		if a.AgencyID == m.Rows[1].Agency.ID {
			hanoi = a.ID
		}
	}
	if c := m.Rows[1].Cells; c[0] == nil || c[1] == nil || c[0].AssignmentID != hanoi || c[1].AssignmentID != late.ID ||
		c[1].Progress != 30 || c[1].Timeliness.DueSoon {
		t.Errorf("Hà Nội cells: %+v %+v", c[0], c[1])
	}
	// One agency a page: the second page is Hà Nội's row alone, and both count.
	second, err := f.s.ThemeMatrix(ctx, f.theme.ID, "", now, store.MatrixWindow{Rows: store.Page{Page: 2, PerPage: 1}})
	must(t, err)
	if second.Agencies != 2 || len(second.Rows) != 1 || second.Rows[0].Agency.Code != "01" || len(second.Directives) != 2 ||
		second.Rows[0].Cells[1] == nil || second.Rows[0].Cells[1].AssignmentID != late.ID {
		t.Errorf("second page: %d agencies, rows %+v", second.Agencies, second.Rows)
	}
	if _, err := f.s.ThemeMatrix(ctx, f.theme.ID+100, "", now, store.MatrixWindow{}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown theme: %v", err)
	}
}

// TestThemeMatrixColumnPages shows a page of the directives, by deadline: the
// cells are those of its directives, and both directives count.
func TestThemeMatrixColumnPages(t *testing.T) {
	f := newFixture(t)
	late := f.hold(t, f.theme.ID, held{"01", "2023-03-31", models.StatusInProgress, 30, ""})
	f.hold(t, f.theme.ID, held{"BTTTT", "2023-03-15", models.StatusNotStarted, 0, ""})
	now := hn(t, 2023, 3, 10, 9, 0)
	for _, asOf := range []models.Day{"", "2023-03-01"} {
		m, err := f.s.ThemeMatrix(ctx, f.theme.ID, asOf, now, store.MatrixWindow{Columns: store.Page{Page: 2, PerPage: 1}})
		must(t, err)
		if m.Columns != 2 || len(m.Directives) != 1 || m.Directives[0].ID != late.DirectiveID {
			t.Fatalf("as of %q: %d directives, page %+v", asOf, m.Columns, m.Directives)
		}
		if m.Agencies != 2 || len(m.Rows) != 2 || len(m.Rows[0].Cells) != 1 || m.Rows[0].Cells[0] != nil ||
			m.Rows[1].Cells[0] == nil || m.Rows[1].Cells[0].AssignmentID != late.ID {
			t.Errorf("as of %q: rows %+v", asOf, m.Rows)
		}
	}
}

// TestThemeMatrixAgencyOrderFollowsRenames keeps the agencies in Vietnamese
// order after renames made by this store, by another instance on the same
// database (a second Store) and behind both of their backs, and after an
// agency is added.
func TestThemeMatrixAgencyOrderFollowsRenames(t *testing.T) {
	f := newFixture(t)
	f.addAgencies(t, models.KindProvince, "48", "Đà Nẵng", "92", "Cần Thơ")
	_, _, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Báo cáo quý I",
		Deliverable: "Báo cáo", DueDate: "2023-03-31", AgencyCodes: []string{"BTTTT", "01", "48", "92"}}, f.users["coordinator"], seedTime)
	must(t, err)
	other := store.NewStore(f.s.DB(), hcm(t))
	now := hn(t, 2023, 3, 10, 9, 0)
	expect := func(s *store.Store, who string, codes ...string) {
		t.Helper()
		m, err := s.ThemeMatrix(ctx, f.theme.ID, "", now, store.MatrixWindow{})
		must(t, err)
		var got []string
		for _, r := range m.Rows {
			got = append(got, r.Agency.Code)
		}
		if strings.Join(got, " ") != strings.Join(codes, " ") {
			t.Errorf("%s: rows %v, want %v", who, got, codes)
		}
	}
	expect(f.s, "before", "BTTTT", "92", "48", "01")
	expect(other, "before, other", "BTTTT", "92", "48", "01")
	rename := func(s *store.Store, code, name string) {
		t.Helper()
		_, err := s.UpdateAgency(ctx, code, store.AgencyPatch{Name: &name})
		must(t, err)
	}
	rename(other, "92", "Thành phố Cần Thơ")
	expect(f.s, "renamed by the other", "BTTTT", "48", "01", "92")
	rename(f.s, "48", "Thành phố Đà Nẵng")
	expect(other, "renamed by the first", "BTTTT", "01", "92", "48")
	must(t, f.s.DB().Exec("UPDATE agencies SET name = ? WHERE code = ?", "An Giang", "01").Error)
	expect(f.s, "renamed in SQL", "BTTTT", "01", "92", "48")
	must(t, f.s.DB().Exec("UPDATE agencies SET name = ? WHERE code = ?", "Zô Hà Nội", "01").Error)
	expect(f.s, "renamed in SQL", "BTTTT", "92", "48", "01")
	f.addAgencies(t, models.KindMinistry, "BCA", "Bộ Công an")
	_, _, err = f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Báo cáo an ninh",
		Deliverable: "Báo cáo", DueDate: "2023-03-31", AgencyCodes: []string{"BCA"}}, f.users["coordinator"], seedTime)
	must(t, err)
	expect(other, "added", "BCA", "BTTTT", "92", "48", "01")
}
