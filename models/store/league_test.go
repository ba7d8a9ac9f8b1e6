package store_test

import (
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// held is one agency's copy of a directive in a hand-built world, put
// straight into a state (a fixture, not a workflow step).
type held struct {
	code, due string
	status    models.Status
	progress  int
	completed string // also the submission day
}

// hold creates a directive of theme due h.due for agency h.code and moves its
// assignment into h's state; it returns the assignment.
func (f *fixture) hold(t *testing.T, themeID uint, h held) models.Assignment {
	t.Helper()
	_, list, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: themeID, Title: "Nhiệm vụ của " + h.code + " hạn " + h.due,
		Deliverable: "Văn bản", DueDate: h.due, AgencyCodes: []string{h.code}}, f.users["coordinator"], seedTime)
	must(t, err)
	a := list[0]
	a.Status, a.Progress, a.SubmittedOn, a.CompletedOn = h.status, h.progress, models.Day(h.completed), models.Day(h.completed)
	must(t, f.s.DB().Model(&a).Select("Status", "Progress", "SubmittedOn", "CompletedOn").Updates(&a).Error)
	return a
}

// addAgencies creates active agencies of one kind from code/name pairs.
func (f *fixture) addAgencies(t *testing.T, kind models.AgencyKind, pairs ...string) {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		must(t, f.s.DB().Create(&models.Agency{Code: pairs[i], Name: pairs[i+1], Kind: kind, Active: true}).Error)
	}
}

// TestLeagueRankingAndColours ranks a hand-built world on 10/04/2023: ties
// share a rank and are ordered by Vietnamese name, agencies with nothing
// due come last unranked, cancelled work and inactive agencies are left out.
func TestLeagueRankingAndColours(t *testing.T) {
	f := newFixture(t)
	f.addAgencies(t, models.KindMinistry, "BTC", "Bộ Tài chính", "BCA", "Bộ Công an", "BXD", "Bộ Xây dựng", "BYT", "Bộ Y tế",
		"BNV", "Bộ Nội vụ")
	f.addAgencies(t, models.KindProvince, "31", "Hải Phòng", "48", "Đà Nẵng", "92", "Cần Thơ", "HT", "Hà Tây")
	open, done, cancelled := models.StatusInProgress, models.StatusDone, models.StatusCancelled
	for _, h := range []held{
		{"BTC", "2023-03-31", done, 100, "2023-03-30"}, {"BTC", "2023-03-31", done, 100, "2023-03-31"},
		{"BCA", "2023-03-31", done, 100, "2023-03-30"}, {"BCA", "2023-03-31", done, 100, "2023-03-31"},
		{"BXD", "2023-03-31", done, 100, "2023-04-05"}, {"BXD", "2023-03-31", done, 100, "2023-03-20"},
		{"BYT", "2023-04-05", open, 60, ""}, {"BYT", "2023-03-31", done, 100, "2023-03-31"},
		{"BNV", "2023-03-31", open, 90, ""}, {"BNV", "2023-03-31", done, 100, "2023-03-31"},
		{"BTTTT", "2023-03-31", open, 10, ""}, {"BTTTT", "2023-03-31", cancelled, 0, ""},
		{"01", "2023-04-15", open, 20, ""},
		{"31", "2023-04-15", open, 60, ""}, {"31", "2023-05-31", models.StatusNotStarted, 0, ""},
		{"48", "2023-05-31", done, 100, "2023-04-01"},
		{"92", "2023-03-31", cancelled, 0, ""},
		{"HT", "2023-03-31", open, 0, ""},
	} {
		f.hold(t, f.theme.ID, h)
	}
	must(t, f.s.DB().Model(&models.Agency{}).Where("code = ?", "HT").Update("active", false).Error)
	now := hn(t, 2023, 4, 10, 10, 0)

	type want struct {
		rank                                              int
		code                                              string
		assigned, due, onTime, late, overdue, daysOverdue int
		status                                            models.LeagueStatus
	}
	cases := []struct {
		name string
		kind models.AgencyKind
		want []want
	}{
		{"all agencies", "", []want{
			{1, "BCA", 2, 2, 2, 0, 0, 0, models.LeagueGreen},
			{1, "BTC", 2, 2, 2, 0, 0, 0, models.LeagueGreen},
			{1, "48", 1, 1, 1, 0, 0, 0, models.LeagueGreen}, // done early: counted as due
			{4, "BXD", 2, 2, 1, 1, 0, 0, models.LeagueGreen},
			{5, "BYT", 2, 2, 1, 0, 1, 5, models.LeagueRed},
			{6, "BNV", 2, 2, 1, 0, 1, 10, models.LeagueRed},
			{7, "BTTTT", 1, 1, 0, 0, 1, 10, models.LeagueRed}, // its cancelled copy is not counted
			{0, "01", 1, 0, 0, 0, 0, 0, models.LeagueAmber},   // due in 5 days at 20%
			{0, "31", 2, 0, 0, 0, 0, 0, models.LeagueGrey},    // due in 5 days at 60%: not amber
		}},
		{"provinces", models.KindProvince, []want{
			{1, "48", 1, 1, 1, 0, 0, 0, models.LeagueGreen},
			{0, "01", 1, 0, 0, 0, 0, 0, models.LeagueAmber},
			{0, "31", 2, 0, 0, 0, 0, 0, models.LeagueGrey},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := f.s.League(ctx, store.LeagueFilter{Kind: c.kind}, now)
			must(t, err)
			if len(rows) != len(c.want) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(c.want), rows)
			}
			for i, w := range c.want {
				r := rows[i]
				got := want{r.Rank, r.Agency.Code, r.Assigned, r.Due, r.DoneOnTime, r.DoneLate, r.OpenOverdue, r.DaysOverdue, r.Status}
				if got != w {
					t.Errorf("row %d: %+v, want %+v", i+1, got, w)
				}
			}
		})
	}
}

// TestLeagueThemeFilterAndAsOf keeps to one theme's work, and counts nothing
// that was assigned after the as-of day.
func TestLeagueThemeFilterAndAsOf(t *testing.T) {
	f := newFixture(t)
	april := models.Theme{PlanID: f.theme.PlanID, FirstMonth: 4, LastMonth: 4, TitleVI: "Dữ liệu mở"}
	must(t, f.s.DB().Create(&april).Error)
	f.hold(t, f.theme.ID, held{"BTTTT", "2023-03-31", models.StatusInProgress, 10, ""})
	f.hold(t, april.ID, held{"01", "2023-04-28", models.StatusNotStarted, 0, ""})
	now := hn(t, 2023, 4, 10, 10, 0)
	rows, err := f.s.League(ctx, store.LeagueFilter{ThemeID: april.ID}, now)
	must(t, err)
	if len(rows) != 1 || rows[0].Agency.Code != "01" || rows[0].Status != models.LeagueGrey || rows[0].Rank != 0 {
		t.Fatalf("April league: %+v", rows)
	}
	// The fixture assigns on 25/02/2023: nothing was held the day before.
	rows, err = f.s.League(ctx, store.LeagueFilter{AsOf: "2023-02-24"}, now)
	must(t, err)
	if len(rows) != 0 {
		t.Fatalf("league as of 24/02/2023: %+v", rows)
	}
}

// TestLeagueOfAPastDayIsKept rebuilds a past day's league once and keeps it
// (the history cannot change behind it), and names it at read: an agency
// renamed since shows its new name without a rebuild.
func TestLeagueOfAPastDayIsKept(t *testing.T) {
	f := newFixture(t)
	a := f.hold(t, f.theme.ID, held{"BTTTT", "2023-03-31", models.StatusInProgress, 10, ""})
	now := hn(t, 2023, 4, 10, 10, 0)
	before, err := f.s.League(ctx, store.LeagueFilter{AsOf: "2023-04-05"}, now)
	must(t, err)
	if len(before) != 1 || before[0].OpenOverdue != 1 {
		t.Fatalf("league of 05/04: %+v", before)
	}
	// Behind the store's back, the assignment's history disappears: the kept league does not move.
	must(t, f.s.DB().Exec("DELETE FROM updates WHERE assignment_id = ?", a.ID).Error)
	must(t, f.s.DB().Exec("UPDATE assignments SET created_at = ? WHERE id = ?", now, a.ID).Error)
	kept, err := f.s.League(ctx, store.LeagueFilter{AsOf: "2023-04-05"}, now)
	must(t, err)
	if len(kept) != 1 || kept[0].OpenOverdue != 1 || kept[0].Agency.Code != "BTTTT" {
		t.Fatalf("kept league of 05/04: %+v", kept)
	}
	name := "Bộ Thông tin và Truyền thông (mới)"
	_, err = f.s.UpdateAgency(ctx, "BTTTT", store.AgencyPatch{Name: &name})
	must(t, err)
	again, err := f.s.League(ctx, store.LeagueFilter{AsOf: "2023-04-05"}, now)
	must(t, err)
	if len(again) != 1 || again[0].OpenOverdue != 1 || again[0].Agency.Name != name {
		t.Fatalf("after the agency was renamed, the kept league of 05/04: %+v", again)
	}
}
