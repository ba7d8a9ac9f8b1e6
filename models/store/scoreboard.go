package store

import (
	"context"
	"roviec/models"
	"time"
)

// Scoreboard rebuilds the scoreboard of a directive as it stood at the end of
// day asOf (see AssignmentsAsOf); a zero or future asOf means today. Unknown
// directive: ErrNotFound.
func (s *Store) Scoreboard(ctx context.Context, directiveID uint, asOf models.Day, now time.Time) (*models.Scoreboard, error) {
	d, err := s.DirectiveByID(ctx, directiveID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{DirectiveID: directiveID}, asOf, now)
	if err != nil {
		return nil, err
	}
	sb := &models.Scoreboard{Directive: d, AsOf: asOf, Ministries: models.KindScore{Kind: models.KindMinistry},
		Provinces: models.KindScore{Kind: models.KindProvince}}
	at := models.EndOfDay(asOf, s.loc)
	for i := range list {
		a := &list[i]
		if a.Status == models.StatusCancelled {
			continue
		}
		info := models.ClassifyTimeliness(a, at, s.loc)
		if a.Agency.Kind == models.KindMinistry {
			sb.Ministries.Add(info.Class)
		} else {
			sb.Provinces.Add(info.Class)
		}
		row := models.Laggard{AssignmentID: a.ID, Agency: *a.Agency, Status: a.Status, Progress: a.Progress, DueOn: a.DueOn, Timeliness: info}
		if a.Status == models.StatusDone {
			sb.Done = append(sb.Done, row)
		} else {
			sb.NotDone = append(sb.NotDone, row)
		}
	}
	models.SortLaggards(sb.NotDone)
	models.SortLaggards(sb.Done) // done: none overdue, so in name order
	return sb, nil
}

// ClampAsOf is the day an "as of" question is answered for: asOf itself, or
// today (in the store's zone) when asOf is zero or later than today, since
// the future is not known yet.
func (s *Store) ClampAsOf(asOf models.Day, now time.Time) models.Day {
	today := models.DayOf(now, s.loc)
	if asOf.IsZero() || asOf > today {
		return today
	}
	return asOf
}
