package store_test

import (
	"testing"
	"time"

	"roviec/models"
)

// TestOverdueByAgencyMatchesARecount counts each agency's open overdue work
// in two plans from the standings, on the day and three weeks later (when
// more deadlines have passed and one task was done meanwhile), exactly as a
// recount of every assignment by the timeliness rules gives: submitted by
// the deadline, done, cancelled and not yet due do not count.
func TestOverdueByAgencyMatchesARecount(t *testing.T) {
	f := newFixture(t)
	f.addAgencies(t, models.KindMinistry, "BTC", "Bộ Tài chính", "BCA", "Bộ Công an")
	other := models.Plan{Name: "Kế hoạch khác", Year: 2022}
	must(t, f.s.DB().Create(&other).Error)
	theme2 := models.Theme{PlanID: other.ID, FirstMonth: 4, LastMonth: 6, TitleVI: "Quý II"}
	must(t, f.s.DB().Create(&theme2).Error)
	open, submitted, done, cancelled := models.StatusInProgress, models.StatusSubmitted, models.StatusDone, models.StatusCancelled
	var late models.Assignment
	for i, h := range []held{
		{"BTTTT", "2023-03-31", open, 10, ""}, {"BTTTT", "2023-03-15", models.StatusNotStarted, 0, ""},
		{"BTTTT", "2023-03-31", submitted, 100, "2023-03-30"}, // submitted by the deadline: on track
		{"BTTTT", "2023-03-31", submitted, 100, "2023-04-02"}, // submitted late: still overdue
		{"BTTTT", "2023-03-31", cancelled, 0, ""},
		{"01", "2023-03-31", done, 100, "2023-04-05"},
		{"01", "2023-04-20", open, 20, ""}, // due later
		{"BTC", "2023-04-09", open, 50, ""},
		{"BCA", "2023-05-31", open, 0, ""},
	} {
		a := f.hold(t, f.theme.ID, h)
		if i == 0 {
			late = a
		}
	}
	for _, h := range []held{{"BTTTT", "2023-04-01", open, 0, ""}, {"01", "2023-03-01", open, 0, ""}, {"BTC", "2023-04-25", open, 0, ""}} {
		f.hold(t, theme2.ID, h)
	}
	loc := hcm(t)
	check := func(now time.Time, want map[string]int) {
		t.Helper()
		got, err := f.s.OverdueByAgency(ctx, now)
		must(t, err)
		var all []models.Assignment
		must(t, f.s.DB().Preload("Agency").Find(&all).Error)
		recount, byCode := map[uint]int{}, map[string]int{}
		for i := range all {
			if models.ClassifyTimeliness(&all[i], now, loc).Class == models.OpenOverdue {
				recount[all[i].AgencyID]++
				byCode[all[i].Agency.Code]++
			}
		}
		if len(got) != len(recount) {
			t.Errorf("%s: %d agencies overdue, a recount finds %d: %v vs %v", now.Format("02/01"), len(got), len(recount), got, recount)
		}
		for id, n := range recount {
			if got[id] != n {
				t.Errorf("%s: agency %d has %d overdue, a recount finds %d", now.Format("02/01"), id, got[id], n)
			}
		}
		for code, n := range want {
			if byCode[code] != n {
				t.Errorf("%s: the recount gives %s %d, the test expects %d", now.Format("02/01"), code, byCode[code], n)
			}
		}
	}
	check(hn(t, 2023, 4, 10, 9, 0), map[string]int{"BTTTT": 4, "01": 1, "BTC": 1, "BCA": 0})
	// Three weeks on, BTTTT's first task done meanwhile: 01's and BTC's later deadlines have passed.
	late.Status, late.Progress, late.CompletedOn = done, 100, "2023-04-20"
	must(t, f.s.DB().Model(&late).Select("Status", "Progress", "CompletedOn").Updates(&late).Error)
	check(hn(t, 2023, 5, 1, 9, 0), map[string]int{"BTTTT": 3, "01": 2, "BTC": 2, "BCA": 0})
}
