package models

import (
	"context"
	"sort"
	"time"
)

// KindScore is where the agencies of one kind stand on a directive: how many
// hold it (cancelled copies left out), how many are done, and the four
// timeliness classes. Done is DoneOnTime + DoneLate.
type KindScore struct {
	Kind        string
	Done        int
	Total       int
	DoneOnTime  int
	DoneLate    int
	OpenOnTrack int
	OpenOverdue int
}

// add counts one assignment of the kind in its timeliness class.
func (k *KindScore) add(class Timeliness) {
	k.Total++
	switch class {
	case DoneOnTime:
		k.Done++
		k.DoneOnTime++
	case DoneLate:
		k.Done++
		k.DoneLate++
	case OpenOnTrack:
		k.OpenOnTrack++
	case OpenOverdue:
		k.OpenOverdue++
	}
}

// Laggard is an agency that has not done its copy of a directive, with the
// state of that copy at the as-of date.
type Laggard struct {
	AssignmentID uint
	Agency       Agency
	Status       string
	Progress     int
	DueOn        Day
	Timeliness   TimelinessInfo
}

// Scoreboard answers the committee's questions about one directive at the end
// of a day: how many ministries and how many provinces have done it ("6/30
// bộ, ngành; 29/63 địa phương"), in which timeliness classes, and who has not,
// most overdue first.
type Scoreboard struct {
	Directive  *Directive
	AsOf       Day
	Ministries KindScore
	Provinces  KindScore
	NotDone    []Laggard
}

// Scoreboard rebuilds the scoreboard of a directive as it stood at the end of
// day asOf (see AssignmentsAsOf); a zero or future asOf means today. Unknown
// directive: ErrNotFound.
func (s *Store) Scoreboard(ctx context.Context, directiveID uint, asOf Day, now time.Time) (*Scoreboard, error) {
	d, err := s.DirectiveByID(ctx, directiveID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{DirectiveID: directiveID}, asOf, now)
	if err != nil {
		return nil, err
	}
	sb := &Scoreboard{Directive: d, AsOf: asOf, Ministries: KindScore{Kind: KindMinistry},
		Provinces: KindScore{Kind: KindProvince}}
	at := EndOfDay(asOf, s.loc)
	for i := range list {
		a := &list[i]
		if a.Status == StatusCancelled {
			continue
		}
		info := ClassifyTimeliness(a, at, s.loc)
		if a.Agency.Kind == KindMinistry {
			sb.Ministries.add(info.Class)
		} else {
			sb.Provinces.add(info.Class)
		}
		if a.Status != StatusDone {
			sb.NotDone = append(sb.NotDone, Laggard{AssignmentID: a.ID, Agency: *a.Agency, Status: a.Status,
				Progress: a.Progress, DueOn: a.DueOn, Timeliness: info})
		}
	}
	sortLaggards(sb.NotDone)
	return sb, nil
}

// ClampAsOf is the day an "as of" question is answered for: asOf itself, or
// today (in the store's zone) when asOf is zero or later than today, since
// the future is not known yet.
func (s *Store) ClampAsOf(asOf Day, now time.Time) Day {
	today := DayOf(now, s.loc)
	if asOf.IsZero() || asOf > today {
		return today
	}
	return asOf
}

// sortLaggards puts the most overdue first, then the agencies in Vietnamese
// name order.
func sortLaggards(list []Laggard) {
	c := vietnameseOrder()
	sort.SliceStable(list, func(i, j int) bool {
		if a, b := list[i].Timeliness.DaysOverdue, list[j].Timeliness.DaysOverdue; a != b {
			return a > b
		}
		return c.CompareString(list[i].Agency.Name, list[j].Agency.Name) < 0
	})
}
