package models

import (
	"bytes"

	"golang.org/x/text/collate"
)

// LeagueStatus is the colour of an agency in the league table, as provincial
// dashboards show it.
type LeagueStatus string

// The league statuses, from the most to the least alarming.
const (
	LeagueRed   LeagueStatus = "red"   // something open is overdue
	LeagueAmber LeagueStatus = "amber" // something is due within DueSoonDays with progress under LowProgress
	LeagueGreen LeagueStatus = "green" // on track
	LeagueGrey  LeagueStatus = "grey"  // nothing due yet: not assessable
)

// LeagueStatuses lists the statuses in the order of the legend.
var LeagueStatuses = []LeagueStatus{LeagueRed, LeagueAmber, LeagueGreen, LeagueGrey}

// LowProgress is the progress (in percent) under which work due soon turns an agency amber.
const LowProgress = 50

// LeagueRow is one agency in the league table.
//
// Due is the denominator of the on-time rate: the assignments whose outcome
// can be judged at the as-of date, that is those whose deadline (in force
// then) fell on or before that day, plus those already done ahead of their
// deadline (so that early work counts and the rate never exceeds 100%).
// Assignments with no deadline count only once done.
type LeagueRow struct {
	Rank        int // 1 for the best; equal figures share a rank; 0 when nothing is due yet
	Agency      Agency
	Assigned    int // assignments held (cancelled ones left out)
	Due         int
	DoneOnTime  int
	DoneLate    int
	OpenOverdue int
	DaysOverdue int // the sum of the days overdue of the open overdue assignments
	Status      LeagueStatus
}

// Rate is the on-time completion rate, DoneOnTime / Due, in [0, 1]; 0 when nothing is due.
func (r *LeagueRow) Rate() float64 {
	if r.Due == 0 {
		return 0
	}
	return float64(r.DoneOnTime) / float64(r.Due)
}

// Add counts one assignment, classified at the end of day asOf.
func (r *LeagueRow) Add(a *Assignment, info TimelinessInfo, asOf Day) {
	r.Assigned++
	if a.Status == StatusDone || (!a.DueOn.IsZero() && a.DueOn <= asOf) {
		r.Due++
	}
	switch info.Class {
	case DoneOnTime:
		r.DoneOnTime++
	case DoneLate:
		r.DoneLate++
	case OpenOverdue:
		r.OpenOverdue++
		r.DaysOverdue += info.DaysOverdue
		r.Status = LeagueRed
	case OpenOnTrack:
		if info.DueSoon && a.Progress < LowProgress && r.Status != LeagueRed {
			r.Status = LeagueAmber
		}
	}
}

// RankLeague sorts rows into league order and numbers them: by on-time rate
// (compared exactly), then fewer open overdue, then fewer days overdue, then
// Vietnamese name; rows with nothing due go last with rank 0. Rows equal on
// rate, overdue count and days overdue share a rank (1, 2, 2, 4).
func RankLeague(rows []LeagueRow) {
	// Names decide only between rows level on figures: their collation keys
	// are made when two such rows meet, not for every agency of a national league.
	keys := make([][]byte, len(rows))
	c := vietnameseOrder()
	var buf collate.Buffer
	key := func(i int) []byte {
		if keys[i] == nil {
			keys[i] = bytes.Clone(c.KeyFromString(&buf, rows[i].Agency.Name))
			buf.Reset()
		}
		return keys[i]
	}
	sortStable(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if (a.Due == 0) != (b.Due == 0) {
			return b.Due == 0
		}
		if cmp := compareStanding(a, b); cmp != 0 {
			return cmp < 0
		}
		return bytes.Compare(key(i), key(j)) < 0
	})
	for i := range rows {
		switch {
		case rows[i].Due == 0:
			rows[i].Rank = 0
		case i > 0 && compareStanding(&rows[i-1], &rows[i]) == 0:
			rows[i].Rank = rows[i-1].Rank
		default:
			rows[i].Rank = i + 1
		}
	}
}

// compareStanding is negative when a stands better than b, positive when
// worse and 0 when level (names aside). Rows with nothing due are level on rate.
func compareStanding(a, b *LeagueRow) int {
	if a.Due > 0 && b.Due > 0 {
		// a.DoneOnTime/a.Due vs b.DoneOnTime/b.Due, without floating point.
		if x, y := a.DoneOnTime*b.Due, b.DoneOnTime*a.Due; x != y {
			if x > y {
				return -1
			}
			return 1
		}
	}
	if a.OpenOverdue != b.OpenOverdue {
		return a.OpenOverdue - b.OpenOverdue
	}
	return a.DaysOverdue - b.DaysOverdue
}
