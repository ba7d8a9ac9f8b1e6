package store

import (
	"context"
	"encoding/json"

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
// figures never change (a change of a directive's theme, which regroups
// them, drops every kept figure; agencies are named, narrowed to a kind and
// left out when inactive at read).
func snapshot[T any](ctx context.Context, s *Store, k asOfSnapshot, compute func() (T, error)) (T, error) {
	out, found, err := kept[T](ctx, s, k)
	if found || err != nil {
		return out, err
	}
	if out, err = compute(); err != nil {
		return out, err
	}
	return out, keep(s.db.WithContext(ctx), k, out)
}

// kept reads the figure k names, if it is kept.
func kept[T any](ctx context.Context, s *Store, k asOfSnapshot) (T, bool, error) {
	var row asOfSnapshot
	err := s.db.WithContext(ctx).Where("figure = ? AND plan_id = ? AND theme_id = ? AND kind = ? AND day = ?",
		k.Figure, k.PlanID, k.ThemeID, k.Kind, k.Day).Limit(1).Find(&row).Error
	var out T
	if err != nil || row.Payload == "" {
		return out, false, err
	}
	if u, ok := any(&out).(json.Unmarshaler); ok {
		return out, true, u.UnmarshalJSON([]byte(row.Payload)) // what keep wrote: no need to check it is JSON first
	}
	return out, true, json.Unmarshal([]byte(row.Payload), &out)
}

// keep keeps figure as k names it, in db (unless a concurrent reader kept it
// first: the figure of a past day is the same for both).
func keep(db *gorm.DB, k asOfSnapshot, figure any) error {
	buf, err := json.Marshal(figure)
	if err != nil {
		return err
	}
	k.Payload = string(buf)
	return db.Clauses(clause.OnConflict{DoNothing: true}).Create(&k).Error
}

// dropSnapshots forgets every kept figure, in tx, when what they are grouped
// by changes.
func dropSnapshots(tx *gorm.DB) error {
	return tx.Exec("DELETE FROM asof_snapshots").Error
}
