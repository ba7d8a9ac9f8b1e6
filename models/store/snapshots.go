package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"gorm.io/gorm/clause"

	"roviec/models"
)

// asOfSnapshot is a kept figure as of a past day: which (league, month
// split), its plan, theme and kind of agency (0 and "" when not narrowed),
// the day, and the figure as JSON.
type asOfSnapshot struct {
	Figure  string
	PlanID  uint
	ThemeID uint
	Kind    string
	Day     models.Day `gorm:"type:varchar(10)"`
	Payload string
}

func (asOfSnapshot) TableName() string { return "asof_snapshots" }

// snapshot returns the figure k names (its Payload unset): kept from an
// earlier reader, else computed by compute and kept. Only figures of days before today may be
// kept: every change is written at the moment it is made, so such a day's
// figures never change (changes of a directive's theme or of an agency,
// which regroup them, drop every kept figure).
func snapshot[T any](ctx context.Context, s *Store, k asOfSnapshot, compute func() (T, error)) (T, error) {
	var kept asOfSnapshot
	err := s.db.WithContext(ctx).Where("figure = ? AND plan_id = ? AND theme_id = ? AND kind = ? AND day = ?",
		k.Figure, k.PlanID, k.ThemeID, k.Kind, k.Day).Limit(1).Find(&kept).Error
	var out T
	if err != nil {
		return out, err
	}
	if kept.Payload != "" {
		return out, json.Unmarshal([]byte(kept.Payload), &out)
	}
	if out, err = compute(); err != nil {
		return out, err
	}
	buf, err := json.Marshal(out)
	if err != nil {
		return out, err
	}
	k.Payload = string(buf)
	return out, s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&k).Error
}

// dropSnapshots forgets every kept figure, in tx, when what they are grouped
// by changes.
func dropSnapshots(tx *gorm.DB) error {
	return tx.Exec("DELETE FROM asof_snapshots").Error
}

// KeepDay rebuilds and keeps, for every plan of day's year, the figures the
// committee reads as of that past day (the year overview's month split and
// theme counts, and the league table), so that the first reader of them does not wait. The
// reminder schedule keeps yesterday's every morning.
func (s *Store) KeepDay(ctx context.Context, day models.Day, now time.Time) error {
	if day >= models.DayOf(now, s.loc) {
		return nil // only a day that is over stays as it is
	}
	plans, err := s.ListPlans(ctx)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.Year != day.Time().Year() {
			continue
		}
		if _, err := s.TimelinessByDueMonth(ctx, p.ID, p.Year, day, now); err != nil {
			return err
		}
		if _, err := s.TimelinessCounts(ctx, p.ID, day, now); err != nil {
			return err
		}
		if _, err := s.League(ctx, LeagueFilter{PlanID: p.ID, AsOf: day}, now); err != nil {
			return err
		}
	}
	return nil
}
