package store

import (
	"context"
	"roviec/models"
	"time"
)

// ListTargets returns a plan's targets (chỉ tiêu) in the order they were
// set, with their responsible ministry.
func (s *Store) ListTargets(ctx context.Context, planID uint) ([]models.Target, error) {
	var list []models.Target
	err := s.db.WithContext(ctx).Preload("ResponsibleAgency").Where("plan_id = ?", planID).Order("id").Find(&list).Error
	return list, err
}

// TargetByCode loads the target with code of a plan, with its responsible ministry.
func (s *Store) TargetByCode(ctx context.Context, planID uint, code string) (*models.Target, error) {
	var t models.Target
	err := s.db.WithContext(ctx).Preload("ResponsibleAgency").Where("plan_id = ? AND code = ?", planID, code).First(&t).Error
	if err != nil {
		return nil, NotFound(err)
	}
	return &t, nil
}

// NewestPlanWithTarget is the newest plan (latest year) that has a target
// with code; ErrNotFound when none has.
func (s *Store) NewestPlanWithTarget(ctx context.Context, code string) (*models.Plan, error) {
	var p models.Plan
	err := s.db.WithContext(ctx).Joins("JOIN targets ON targets.plan_id = plans.id AND targets.code = ?", code).
		Order("plans.year DESC, plans.id DESC").First(&p).Error
	if err != nil {
		return nil, NotFound(err)
	}
	return &p, nil
}

// TargetProgressList is where each target of a plan stands at the end of day
// asOf (zero or future: today). Agencies-scope targets are computed from one
// rebuild of the plan's assignments as of that day; national ones take the
// latest reported value dated on or before it.
func (s *Store) TargetProgressList(ctx context.Context, planID uint, asOf models.Day, now time.Time) ([]models.TargetProgress, error) {
	asOf = s.ClampAsOf(asOf, now)
	targets, err := s.ListTargets(ctx, planID)
	if err != nil {
		return nil, err
	}
	serving, err := s.servingDirectives(ctx, planID)
	if err != nil {
		return nil, err
	}
	var list []models.Assignment
	if len(serving) > 0 {
		if list, err = s.AssignmentsAsOf(ctx, AssignmentFilter{PlanID: planID}, asOf, now); err != nil {
			return nil, err
		}
	}
	values, err := s.latestValues(ctx, planID, asOf)
	if err != nil {
		return nil, err
	}
	out := make([]models.TargetProgress, len(targets))
	for i, t := range targets {
		out[i] = s.progressOf(t, asOf, serving[t.ID], list, values[t.ID])
	}
	return out, nil
}

// TargetProgressOf is where one target stands at the end of day asOf (zero
// or future: today).
func (s *Store) TargetProgressOf(ctx context.Context, t *models.Target, asOf models.Day, now time.Time) (*models.TargetProgress, error) {
	asOf = s.ClampAsOf(asOf, now)
	serving, err := s.servingDirectives(ctx, t.PlanID)
	if err != nil {
		return nil, err
	}
	var list []models.Assignment
	for _, d := range serving[t.ID] {
		part, err := s.AssignmentsAsOf(ctx, AssignmentFilter{DirectiveID: d.ID}, asOf, now)
		if err != nil {
			return nil, err
		}
		list = append(list, part...)
	}
	var reported *models.TargetValue
	if t.Scope != models.ScopeAgencies {
		if reported, err = s.valueAsOf(ctx, t.ID, asOf); err != nil {
			return nil, err
		}
	}
	p := s.progressOf(*t, asOf, serving[t.ID], list, reported)
	return &p, nil
}

// progressOf builds a target's progress from the assignments as of the day
// (any directive; those serving the target are picked out) or its reported value.
func (s *Store) progressOf(t models.Target, asOf models.Day, serving []models.Directive, list []models.Assignment, reported *models.TargetValue) models.TargetProgress {
	p := models.TargetProgress{Target: t, AsOf: asOf, Directives: serving}
	if t.Scope != models.ScopeAgencies {
		p.Reported = reported
		if reported != nil {
			v := reported.Value
			p.SetValue(&v)
		}
		return p
	}
	p.Overall, p.Ministries, p.Provinces = models.AgencyShares(serving, list)
	p.SetValue(p.Overall.Percent())
	return p
}

// servingDirectives maps each target of a plan to the directives serving it, oldest first.
func (s *Store) servingDirectives(ctx context.Context, planID uint) (map[uint][]models.Directive, error) {
	var list []models.Directive
	err := s.db.WithContext(ctx).Where("plan_id = ? AND target_id IS NOT NULL", planID).Order("id").Find(&list).Error
	if err != nil {
		return nil, err
	}
	out := map[uint][]models.Directive{}
	for _, d := range list {
		out[*d.TargetID] = append(out[*d.TargetID], d)
	}
	return out, nil
}
