package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/seed"
)

// TestScoreboardCountsKindsAndNamesLaggards counts one directive held by two
// ministries and three provinces on 10/04/2023: done per kind, the four
// classes, cancelled copies left out, and who has not done it, most overdue
// first, then by Vietnamese name.
func TestScoreboardCountsKindsAndNamesLaggards(t *testing.T) {
	f := newFixture(t)
	f.addAgencies(t, models.KindMinistry, "BCA", "Bộ Công an")
	f.addAgencies(t, models.KindProvince, "48", "Đà Nẵng", "31", "Hải Phòng", "92", "Cần Thơ")
	d, list, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Ban hành kế hoạch",
		Deliverable: "Kế hoạch", DueDate: "2023-03-31", AgencyCodes: []string{"BTTTT", "BCA", "01", "48", "31", "92"}},
		f.users["coordinator"], seedTime)
	must(t, err)
	state := map[string]held{
		"BTTTT": {status: models.StatusDone, progress: 100, completed: "2023-03-30"},
		"BCA":   {status: models.StatusInProgress, progress: 40},
		"01":    {status: models.StatusDone, progress: 100, completed: "2023-04-03"},
		"48":    {status: models.StatusSubmitted, progress: 100, completed: "2023-04-08"}, // submitted late: still overdue
		"31":    {status: models.StatusNotStarted},
		"92":    {status: models.StatusCancelled},
	}
	for i := range list {
		a := &list[i]
		ag, err := f.s.AssignmentByID(ctx, a.ID)
		must(t, err)
		h := state[ag.Agency.Code]
		a.Status, a.Progress, a.SubmittedOn = h.status, h.progress, models.Day(h.completed)
		if h.status == models.StatusDone {
			a.CompletedOn = models.Day(h.completed)
		}
		must(t, f.s.DB().Model(a).Select("Status", "Progress", "SubmittedOn", "CompletedOn").Updates(a).Error)
	}
	now := hn(t, 2023, 4, 10, 10, 0)
	for _, asOf := range []models.Day{"", "2023-04-10", "2030-01-01"} { // today, whatever is asked beyond it
		sb, err := f.s.Scoreboard(ctx, d.ID, asOf, now)
		must(t, err)
		if sb.AsOf != "2023-04-10" {
			t.Errorf("as of %q answered for %s", asOf, sb.AsOf)
		}
		wantM := models.KindScore{Kind: models.KindMinistry, Done: 1, Total: 2, DoneOnTime: 1, OpenOverdue: 1}
		wantP := models.KindScore{Kind: models.KindProvince, Done: 1, Total: 3, DoneLate: 1, OpenOverdue: 2}
		if sb.Ministries != wantM || sb.Provinces != wantP {
			t.Errorf("ministries %+v provinces %+v; want %+v %+v", sb.Ministries, sb.Provinces, wantM, wantP)
		}
		var names []string
		for _, l := range sb.NotDone {
			names = append(names, l.Agency.Name)
			if l.Timeliness.DaysOverdue != 10 || l.DueOn != "2023-03-31" || l.AssignmentID == 0 {
				t.Errorf("%s: %+v", l.Agency.Name, l)
			}
		}
		if got := strings.Join(names, ", "); got != "Bộ Công an, Đà Nẵng, Hải Phòng" {
			t.Errorf("not done: %s", got)
		}
	}
	if _, err := f.s.Scoreboard(ctx, d.ID+100, "", now); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown directive: %v", err)
	}
}

// TestScoreboardDemoLoadedYearsLater reads the record of seed 002 from demo
// data loaded long after 2023 (as a real server does): the demo's
// assignments belong to 2023's story, so the as-of view of 25/02/2023 finds
// them all.
func TestScoreboardDemoLoadedYearsLater(t *testing.T) {
	s := newStore(t)
	loaded := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)
	_, err := seed.SeedProgramme2023(ctx, s, loaded)
	must(t, err)
	_, err = seed.SeedDemo(ctx, s, s.Location())
	must(t, err)
	var d models.Directive
	must(t, s.DB().Where("title = ?", planTitle).First(&d).Error)
	sb, err := s.Scoreboard(ctx, d.ID, "2023-02-25", loaded)
	must(t, err)
	if sb.Ministries.Done != 6 || sb.Ministries.Total != 30 || sb.Provinces.Done != 29 || sb.Provinces.Total != 63 {
		t.Fatalf("as of 25/02/2023: ministries %+v, provinces %+v; want 6/30 and 29/63", sb.Ministries, sb.Provinces)
	}
}
