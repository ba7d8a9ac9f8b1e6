package store_test

import (
	"errors"
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
	m, err := f.s.ThemeMatrix(ctx, f.theme.ID, "", now, store.Page{})
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
	second, err := f.s.ThemeMatrix(ctx, f.theme.ID, "", now, store.Page{Page: 2, PerPage: 1})
	must(t, err)
	if second.Agencies != 2 || len(second.Rows) != 1 || second.Rows[0].Agency.Code != "01" || len(second.Directives) != 2 ||
		second.Rows[0].Cells[1] == nil || second.Rows[0].Cells[1].AssignmentID != late.ID {
		t.Errorf("second page: %d agencies, rows %+v", second.Agencies, second.Rows)
	}
	if _, err := f.s.ThemeMatrix(ctx, f.theme.ID+100, "", now, store.Page{}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown theme: %v", err)
	}
}
