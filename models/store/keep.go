package store

import (
	"context"
	"fmt"
	"roviec/models"
	"slices"
	"time"

	"gorm.io/gorm"
)

// KeepDays keeps the figures the committee reads as of each day from..to
// that is over and not kept yet: for every plan, on the days of its year, the
// year overview's month split and counts per theme (TimelinessCounts) and the
// league standings of the whole plan;
// and the league standings of all plans together (what the API's league
// without a plan counts) on every day from the first plan's year on. A kind
// of agency is narrowed at read. The missing days of a plan, or of a year of
// all plans, are counted in one sweep over the assignments and their history
// (models.DaySweep), which costs about what rebuilding one day does. It
// returns how many figure-days it kept.
func (s *Store) KeepDays(ctx context.Context, from, to models.Day, now time.Time) (int, error) {
	to = min(to, models.DayOf(now, s.loc).AddDays(-1)) // only a day that is over stays as it is
	plans, err := s.ListPlans(ctx)
	if err != nil || len(plans) == 0 {
		return 0, err
	}
	var scopes []keepScope
	firstYear := plans[0].Year
	for _, p := range plans {
		scopes = append(scopes, keepScope{planID: p.ID, year: p.Year})
		firstYear = min(firstYear, p.Year)
	}
	for y := firstYear; y <= to.Time().Year(); y++ {
		scopes = append(scopes, keepScope{year: y}) // a year at a time: the sweep holds a year of days
	}
	n := 0
	for _, k := range scopes {
		lo := max(from, models.DayFromDate(k.year, time.January, 1))
		hi := min(to, models.DayFromDate(k.year, time.December, 31))
		if lo > hi {
			continue
		}
		kept, err := s.keepScope(ctx, k, lo, hi, now)
		n += kept
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// keepScope is what one sweep counts: a plan's figures of the days of its
// year, or (planID 0) the standings of all plans over the days of a year.
type keepScope struct {
	planID uint
	year   int
}

// figures are the names of the figures kept for each day of the scope.
func (k keepScope) figures() []string {
	if k.planID == 0 {
		return []string{standingsFigure}
	}
	return []string{monthsFigure(k.year), themesFigure, standingsFigure}
}

// keepScope sweeps and keeps the days lo..hi of k that are not kept yet.
func (s *Store) keepScope(ctx context.Context, k keepScope, lo, hi models.Day, now time.Time) (int, error) {
	missing, err := s.missingDays(ctx, k, lo, hi)
	if err != nil || len(missing) == 0 {
		return 0, err
	}
	// A sweep counts every day for the agency holding the work at its last
	// day's end, so the days are swept in runs that no merger falls within.
	var mergers []models.Day
	err = s.db.WithContext(ctx).Model(&models.Agency{}).Distinct("merged_on").
		Where("merged_on > ? AND merged_on <= ?", missing[0], missing[len(missing)-1]).Order("merged_on").Pluck("merged_on", &mergers).Error
	if err != nil {
		return 0, err
	}
	n := 0
	for len(missing) > 0 {
		run := len(missing)
		if len(mergers) > 0 {
			run = slices.IndexFunc(missing, func(d models.Day) bool { return d >= mergers[0] })
			mergers = mergers[1:]
			if run <= 0 {
				continue
			}
		}
		kept, err := s.keepRun(ctx, k, missing[:run], now)
		n += kept
		if err != nil {
			return n, err
		}
		missing = missing[run:]
	}
	return n, nil
}

// keepRun sweeps and keeps the days missing (in order) of k in one pass.
func (s *Store) keepRun(ctx context.Context, k keepScope, missing []models.Day, now time.Time) (int, error) {
	sw, err := s.sweep(ctx, k, missing[0], missing[len(missing)-1], now)
	if err != nil {
		return 0, err
	}
	// A month of days a transaction: fewer commits (each a flush of the log
	// on PostgreSQL), while a whole year in one would hold other writers back
	// on SQLite for as long as it takes to write.
	const batch = 31
	for start := 0; start < len(missing); start += batch {
		err := s.transaction(ctx, func(tx *gorm.DB) error {
			for _, day := range missing[start:min(start+batch, len(missing))] {
				i := missing[0].DaysUntil(day)
				row := asOfSnapshot{PlanID: k.planID, Day: day}
				if k.planID != 0 {
					row.Figure = monthsFigure(k.year)
					if err := keep(tx, row, sw.Months(i)); err != nil {
						return err
					}
					row.Figure = themesFigure
					if err := keep(tx, row, sw.Themes(i)); err != nil {
						return err
					}
				}
				row.Figure = standingsFigure
				if err := keep(tx, row, keptStandings(sw.Standings(i))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return start, err
		}
	}
	return len(missing), nil
}

// monthsFigure names a kept month split of year in asof_snapshots.
func monthsFigure(year int) string { return fmt.Sprintf("months:%d", year) }

// themesFigure names the kept counts per theme of a plan (TimelinessCounts).
const themesFigure = "themes"

// missingDays are the days lo..hi for which the figures of k are not all
// kept, in order.
func (s *Store) missingDays(ctx context.Context, k keepScope, lo, hi models.Day) ([]models.Day, error) {
	var keptDays []models.Day
	err := s.db.WithContext(ctx).Model(&asOfSnapshot{}).
		Where("plan_id = ? AND theme_id = 0 AND kind = '' AND figure IN ? AND day BETWEEN ? AND ?", k.planID, k.figures(), lo, hi).
		Group("day").Having("COUNT(*) = ?", len(k.figures())).Pluck("day", &keptDays).Error
	if err != nil {
		return nil, err
	}
	done := make(map[models.Day]bool, len(keptDays))
	for _, d := range keptDays {
		done[d] = true
	}
	var missing []models.Day
	for d := lo; d <= hi; d = d.AddDays(1) {
		if !done[d] {
			missing = append(missing, d)
		}
	}
	return missing, nil
}

// sweep counts the figures of k on the days from..to in one pass over the
// assignments given by the end of to and their history up to then, a chunk
// at a time, so that memory holds a chunk and the counts by day.
func (s *Store) sweep(ctx context.Context, k keepScope, from, to models.Day, now time.Time) (*models.DaySweep, error) {
	end := models.EndOfDay(to, s.loc)
	sw := models.NewDaySweep(from, to, k.year, s.loc)
	directives, err := s.themesOfDirectives(ctx, k.planID)
	if err != nil {
		return nil, err
	}
	const chunk = 2000
	for after := uint(0); ; {
		var list []models.Assignment
		// Only what the counts depend on: an assignment is replayed from its
		// creation, so its current status, owner and evidence are not read,
		// and neither are the owner, evidence and notes of its history.
		err := s.assignmentQuery(ctx, AssignmentFilter{PlanID: k.planID}, now).
			Select("assignments.id", "assignments.agency_id", "assignments.directive_id", "assignments.created_at", "assignments.created_due_on").
			Where("assignments.created_at <= ? AND assignments.id > ?", end.UTC(), after).
			Order("assignments.id").Limit(chunk).Find(&list).Error
		if err != nil || len(list) == 0 {
			return sw, err
		}
		history, err := s.historyOf(ctx, list, end, "assignment_id", "at", "from_status", "to_status", "progress", "due_on")
		if err != nil {
			return nil, err
		}
		// Each day is counted for the agency that held the work at the end
		// of the sweep's last day: keepScope sweeps no day range across a merger.
		if err := s.agenciesAsOf(ctx, list, end, false); err != nil {
			return nil, err
		}
		for i := range list {
			list[i].Directive = directives[list[i].DirectiveID] // nil for all plans: no counts per theme
			sw.Add(&list[i], history[list[i].ID])
		}
		after = list[len(list)-1].ID
	}
}

// themesOfDirectives are the directives of plan (none for plan 0, all
// plans), their ID and ThemeID only, by ID.
func (s *Store) themesOfDirectives(ctx context.Context, planID uint) (map[uint]*models.Directive, error) {
	out := map[uint]*models.Directive{}
	if planID == 0 {
		return out, nil
	}
	var list []models.Directive
	if err := s.db.WithContext(ctx).Select("id", "theme_id").Where("plan_id = ?", planID).Find(&list).Error; err != nil {
		return nil, err
	}
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	return out, nil
}
