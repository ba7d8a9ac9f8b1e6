package models_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"roviec/models"
)

// randomHistory is an assignment of one of forty agencies (few each, so that
// every colour occurs) and of one of six themes, created at a
// random moment of 2023 (some before the span, some after), with up to 12
// random events: any status, progress, deadline moved or kept, several on one
// day, some across midnight, a few dated before the assignment itself. Some
// have no deadline, and a few a deadline in 2022 or 2024.
func randomHistory(r *rand.Rand, id uint, loc *time.Location) (models.Assignment, []models.Update) {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, loc)
	day := func() models.Day { return models.DayOf(start, loc).AddDays(r.IntN(425) - 30) }
	a := models.Assignment{ID: id, AgencyID: uint(1 + r.IntN(40)), CreatedAt: start.Add(time.Duration(r.IntN(300*24*60)) * time.Minute),
		Directive: &models.Directive{ThemeID: uint(1 + r.IntN(6))}}
	if r.IntN(5) > 0 {
		a.CreatedDue = day()
	}
	statuses := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted,
		models.StatusDone, models.StatusCancelled}
	var rows []models.Update
	at, from := a.CreatedAt.Add(-time.Duration(r.IntN(3*24*60))*time.Minute), models.StatusNotStarted
	for range r.IntN(13) {
		at = at.Add(time.Duration(r.IntN(30*24*60)) * time.Minute)
		if r.IntN(4) == 0 {
			at = at.Add(time.Duration(r.IntN(90)) * time.Minute) // often the same day
		}
		e := models.Update{AssignmentID: id, At: at.UTC(), FromStatus: from, ToStatus: statuses[r.IntN(len(statuses))],
			Progress: []int{0, 49, models.LowProgress, 51, 100, r.IntN(101)}[r.IntN(6)]}
		if r.IntN(3) == 0 {
			e.DueOn = day()
		}
		rows = append(rows, e)
		from = e.ToStatus
	}
	a = models.Replay(a, rows, loc)
	return a, rows
}

// TestDaySweepCountsEveryDayAsReplay sweeps random histories once and checks
// every day against each assignment replayed as of that day and counted the
// way the league (LeagueRow.Add), the month split and the counts per theme
// (TimelinessCounts) count it.
func TestDaySweepCountsEveryDayAsReplay(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(8, 2023))
	type item struct {
		a    models.Assignment
		rows []models.Update
	}
	var items []item
	from, to := models.Day("2023-02-01"), models.Day("2023-11-30")
	sw := models.NewDaySweep(from, to, 2023, loc)
	for id := range uint(600) {
		a, rows := randomHistory(r, id+1, loc)
		items = append(items, item{a, rows})
		sw.Add(&a, rows)
	}
	ag := func(id uint) *models.Agency { return &models.Agency{ID: id, Name: string(rune('A' + id))} }
	for i := range sw.Days() {
		d := sw.Day(i)
		end := models.EndOfDay(d, loc)
		want := map[uint]*models.LeagueRow{}
		wantMonths := make([]map[models.Timeliness]int, 12)
		for m := range wantMonths {
			wantMonths[m] = map[models.Timeliness]int{}
			for _, cl := range models.TimelinessClasses {
				wantMonths[m][cl] = 0
			}
		}
		wantThemes := map[uint]map[models.Timeliness]int{}
		for _, it := range items {
			if it.a.CreatedAt.After(end) {
				continue
			}
			k := slices.IndexFunc(it.rows, func(u models.Update) bool { return u.At.After(end) })
			if k < 0 {
				k = len(it.rows)
			}
			a := models.Replay(it.a, it.rows[:k], loc)
			info := models.ClassifyTimeliness(&a, end, loc)
			if info.Class != "" {
				if wantThemes[a.Directive.ThemeID] == nil {
					wantThemes[a.Directive.ThemeID] = map[models.Timeliness]int{}
				}
				wantThemes[a.Directive.ThemeID][info.Class]++
			}
			if a.Status != models.StatusCancelled {
				if want[a.AgencyID] == nil {
					want[a.AgencyID] = &models.LeagueRow{Agency: *ag(a.AgencyID), Status: models.LeagueGrey}
				}
				want[a.AgencyID].Add(&a, info, d)
				if !a.DueOn.IsZero() && a.DueOn[:4] == "2023" {
					wantMonths[a.DueOn.Time().Month()-1][info.Class]++
				}
			}
		}
		got := map[uint]models.LeagueRow{}
		for _, st := range sw.Standings(i) {
			got[st.AgencyID] = st.Row(ag(st.AgencyID))
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d agencies in the sweep, %d replayed", d, len(got), len(want))
		}
		for id, w := range want {
			if w.Status == models.LeagueGrey && w.Due > 0 {
				w.Status = models.LeagueGreen
			}
			if got[id] != *w {
				t.Fatalf("%s, agency %d: swept\n%+v\nreplayed\n%+v", d, id, got[id], *w)
			}
		}
		for m, mt := range sw.Months(i) {
			if mt.Month != m+1 || !reflect.DeepEqual(mt.Counts, wantMonths[m]) {
				t.Fatalf("%s, month %d: swept %v, replayed %v", d, m+1, mt.Counts, wantMonths[m])
			}
		}
		if got := sw.Themes(i); !reflect.DeepEqual(got, wantThemes) {
			t.Fatalf("%s: swept per theme\n%v\nreplayed\n%v", d, got, wantThemes)
		}
	}
}
