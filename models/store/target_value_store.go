package store

import (
	"context"
	"math"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ReportTargetValue records a value of a national target as of a date, with
// its source, entered by actor at now. Coordinators, admins and the focal
// points of the target's responsible ministry may report (else 403). The
// value must be a number, within 0..100 for a percentage; the date valid and
// not after today; the source given (else 422). Values are never overwritten:
// each report adds a row to the target's history.
func (s *Store) ReportTargetValue(ctx context.Context, actor *models.User, targetID uint, value float64, asOf, source, note string, now time.Time) (*models.TargetValue, error) {
	var t models.Target
	if err := s.db.WithContext(ctx).First(&t, targetID).Error; err != nil {
		return nil, NotFound(err)
	}
	var responsible uint
	if t.ResponsibleAgencyID != nil {
		responsible = *t.ResponsibleAgencyID
	}
	if !models.Can(actor, models.ActReportTarget, responsible) {
		return nil, models.Forbidden("err.target_report_forbidden")
	}
	v := &models.ValidationError{}
	switch {
	case t.Scope == models.ScopeAgencies:
		v.Add("value", "err.target_value_computed")
	case math.IsNaN(value) || math.IsInf(value, 0):
		v.Add("value", "err.target_value_number")
	case t.Unit == models.UnitPercent && (value < 0 || value > 100):
		v.Add("value", "err.target_value_percent")
	}
	day, err := models.ParseDay(strings.TrimSpace(asOf))
	switch {
	case err != nil:
		v.Add("as_of", "err.date_invalid")
	case day.IsZero():
		v.Add("as_of", "err.target_as_of_required")
	case day > models.DayOf(now, s.loc):
		v.Add("as_of", "err.target_as_of_future")
	}
	source = strings.TrimSpace(source)
	if source == "" {
		v.Add("source", "err.target_source_required")
	}
	models.CheckLine(v, "source", source, models.MaxSourceLen)
	models.CheckText(v, "note", note, "")
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	tv := &models.TargetValue{TargetID: t.ID, Value: value, AsOf: day, Source: source, Note: strings.TrimSpace(note),
		CreatedAt: now.UTC()}
	if actor != nil {
		id := actor.ID
		tv.EnteredByID = &id
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		tv.ID = 0 // a retried attempt starts afresh
		if err := tx.Omit("EnteredBy").Create(tv).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditTarget, t.ID, models.AuditReport, nil, tv)
	})
	if err != nil {
		return nil, err
	}
	tv.EnteredBy = actor
	return tv, nil
}

// TargetValues is the history of a target's reported values, newest first
// (by the date of the value, then by entry).
func (s *Store) TargetValues(ctx context.Context, targetID uint) ([]models.TargetValue, error) {
	var list []models.TargetValue
	err := s.db.WithContext(ctx).Preload("EnteredBy").Where("target_id = ?", targetID).
		Order("as_of DESC, id DESC").Find(&list).Error
	return list, err
}

// valueAsOf is the value of a target in force at day asOf: the one with the
// latest date on or before it (the latest entry among equal dates), or nil.
func (s *Store) valueAsOf(ctx context.Context, targetID uint, asOf models.Day) (*models.TargetValue, error) {
	var list []models.TargetValue
	err := s.db.WithContext(ctx).Preload("EnteredBy").Where("target_id = ? AND as_of <= ?", targetID, asOf).
		Order("as_of DESC, id DESC").Limit(1).Find(&list).Error
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// latestValues maps each target of a plan to its value in force at day asOf.
func (s *Store) latestValues(ctx context.Context, planID uint, asOf models.Day) (map[uint]*models.TargetValue, error) {
	var list []models.TargetValue
	err := s.db.WithContext(ctx).Preload("EnteredBy").
		Joins("JOIN targets ON targets.id = target_values.target_id").
		Where("targets.plan_id = ? AND target_values.as_of <= ?", planID, asOf).
		Order("target_values.as_of, target_values.id").Find(&list).Error
	if err != nil {
		return nil, err
	}
	out := map[uint]*models.TargetValue{}
	for i := range list {
		out[list[i].TargetID] = &list[i]
	}
	return out, nil
}
