package models_test

import (
	"math/rand/v2"
	"testing"

	"roviec/models"
)

// TestTalliesClassifyAsRowsDo checks the tallies' rule against the rows' own:
// for random assignments and days, the class a tally's bucket and deadline
// give (as the store counts them in SQL) is the class ClassifyTimeliness gives
// each of its assignments.
func TestTalliesClassifyAsRowsDo(t *testing.T) {
	loc := hcmLoc(t)
	r := rand.New(rand.NewPCG(7, 93))
	day := func() models.Day { return models.Day("2023-03-01").AddDays(r.IntN(90)) }
	maybe := func(d models.Day) models.Day {
		if r.IntN(5) == 0 {
			return ""
		}
		return d
	}
	for i := range 2000 {
		var list []models.Assignment
		for range 1 + r.IntN(12) {
			a := models.Assignment{AgencyID: 1, Status: models.Statuses[r.IntN(len(models.Statuses))],
				Progress: r.IntN(101), DueOn: maybe(day()), SubmittedOn: maybe(day()), CompletedOn: maybe(day())}
			list = append(list, a)
		}
		asOf := day()
		end := models.EndOfDay(asOf, loc)
		for k := range list {
			a := &list[k]
			info := models.ClassifyTimeliness(a, end, loc)
			tally := models.TallyOf(a, 1)
			if got := classOf(&tally, asOf); got.Class != info.Class || (info.Class == models.OpenOverdue && got.DaysOverdue != info.DaysOverdue) ||
				(info.Class == models.OpenOnTrack && got.DueSoon != info.DueSoon) {
				t.Fatalf("case %d: %+v as of %s: tally says %+v, row says %+v", i, *a, asOf, got, info)
			}
			if a.Status != models.StatusCancelled && !a.DueOn.IsZero() && tally.DueMonth != string(a.DueOn[:7]) {
				t.Fatalf("case %d: %+v is tallied in month %q", i, *a, tally.DueMonth)
			}
		}
	}
}

// classOf is the timeliness at the end of day asOf that a tally's bucket and
// deadline give, as the store's SQL derives it.
func classOf(t *models.Tally, asOf models.Day) models.TimelinessInfo {
	switch t.Bucket {
	case models.BucketDoneOnTime:
		return models.TimelinessInfo{Class: models.DoneOnTime}
	case models.BucketDoneLate:
		return models.TimelinessInfo{Class: models.DoneLate}
	case models.BucketSafe:
		return models.TimelinessInfo{Class: models.OpenOnTrack}
	case models.BucketOpen:
		if asOf > t.DueOn {
			return models.TimelinessInfo{Class: models.OpenOverdue, DaysOverdue: t.DueOn.DaysUntil(asOf)}
		}
		return models.TimelinessInfo{Class: models.OpenOnTrack, DueSoon: asOf.DaysUntil(t.DueOn) <= models.DueSoonDays}
	}
	return models.TimelinessInfo{}
}
