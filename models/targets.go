package models

import (
	"context"
	"time"
)

// Target scopes: a share of the agencies, computed from the assignments of
// the directive serving the target, or a single national figure reported by
// the responsible ministry.
const (
	ScopeAgencies = "agencies"
	ScopeNational = "national"
)

// Target units.
const UnitPercent = "percent"

// IsMet reports whether value reaches the target: strictly above it for
// ">", at or above it for ">=".
func (t *Target) IsMet(value float64) bool {
	if t.Comparator == ">" {
		return value > t.Value
	}
	return value >= t.Value
}

// ListTargets returns a plan's targets (chỉ tiêu) in the order they were
// set, with their responsible ministry.
func (s *Store) ListTargets(ctx context.Context, planID uint) ([]Target, error) {
	var list []Target
	err := s.db.WithContext(ctx).Preload("ResponsibleAgency").Where("plan_id = ?", planID).Order("id").Find(&list).Error
	return list, err
}

// TargetByCode loads the target with code of a plan, with its responsible ministry.
func (s *Store) TargetByCode(ctx context.Context, planID uint, code string) (*Target, error) {
	var t Target
	err := s.db.WithContext(ctx).Preload("ResponsibleAgency").Where("plan_id = ? AND code = ?", planID, code).First(&t).Error
	if err != nil {
		return nil, notFound(err)
	}
	return &t, nil
}

// NewestPlanWithTarget is the newest plan (latest year) that has a target
// with code; ErrNotFound when none has.
func (s *Store) NewestPlanWithTarget(ctx context.Context, code string) (*Plan, error) {
	var p Plan
	err := s.db.WithContext(ctx).Joins("JOIN targets ON targets.plan_id = plans.id AND targets.code = ?", code).
		Order("plans.year DESC, plans.id DESC").First(&p).Error
	if err != nil {
		return nil, notFound(err)
	}
	return &p, nil
}

// AgencyShare is how many agencies hold the work serving a target (their
// copies not all cancelled) and how many of them are done.
type AgencyShare struct {
	Done  int
	Total int
}

// Percent is the share done in percent, or nil when no agency holds the work.
func (a AgencyShare) Percent() *float64 {
	if a.Total == 0 {
		return nil
	}
	p := 100 * float64(a.Done) / float64(a.Total)
	return &p
}

// TargetProgress is where a target stands at the end of day AsOf.
type TargetProgress struct {
	Target Target
	AsOf   Day
	// Value is the current value: the share of agencies done for an
	// agencies-scope target, the value in force for a national one; nil when
	// not known (no agency holds the work, nothing reported yet).
	Value *float64
	Met   bool
	// Directives serve an agencies-scope target; Overall, Ministries and
	// Provinces are its share of agencies done.
	Directives                     []Directive
	Overall, Ministries, Provinces AgencyShare
	// Reported is the value in force of a national target, nil when none.
	Reported *TargetValue
}

// setValue records the current value and whether it meets the target.
func (p *TargetProgress) setValue(v *float64) {
	p.Value = v
	p.Met = v != nil && p.Target.IsMet(*v)
}

// TargetProgressList is where each target of a plan stands at the end of day
// asOf (zero or future: today). Agencies-scope targets are computed from one
// rebuild of the plan's assignments as of that day; national ones take the
// latest reported value dated on or before it.
func (s *Store) TargetProgressList(ctx context.Context, planID uint, asOf Day, now time.Time) ([]TargetProgress, error) {
	asOf = s.ClampAsOf(asOf, now)
	targets, err := s.ListTargets(ctx, planID)
	if err != nil {
		return nil, err
	}
	serving, err := s.servingDirectives(ctx, planID)
	if err != nil {
		return nil, err
	}
	var list []Assignment
	if len(serving) > 0 {
		if list, err = s.AssignmentsAsOf(ctx, AssignmentFilter{PlanID: planID}, asOf, now); err != nil {
			return nil, err
		}
	}
	values, err := s.latestValues(ctx, planID, asOf)
	if err != nil {
		return nil, err
	}
	out := make([]TargetProgress, len(targets))
	for i, t := range targets {
		out[i] = s.progressOf(t, asOf, serving[t.ID], list, values[t.ID])
	}
	return out, nil
}

// TargetProgressOf is where one target stands at the end of day asOf (zero
// or future: today).
func (s *Store) TargetProgressOf(ctx context.Context, t *Target, asOf Day, now time.Time) (*TargetProgress, error) {
	asOf = s.ClampAsOf(asOf, now)
	serving, err := s.servingDirectives(ctx, t.PlanID)
	if err != nil {
		return nil, err
	}
	var list []Assignment
	for _, d := range serving[t.ID] {
		part, err := s.AssignmentsAsOf(ctx, AssignmentFilter{DirectiveID: d.ID}, asOf, now)
		if err != nil {
			return nil, err
		}
		list = append(list, part...)
	}
	var reported *TargetValue
	if t.Scope != ScopeAgencies {
		if reported, err = s.valueAsOf(ctx, t.ID, asOf); err != nil {
			return nil, err
		}
	}
	p := s.progressOf(*t, asOf, serving[t.ID], list, reported)
	return &p, nil
}

// progressOf builds a target's progress from the assignments as of the day
// (any directive; those serving the target are picked out) or its reported value.
func (s *Store) progressOf(t Target, asOf Day, serving []Directive, list []Assignment, reported *TargetValue) TargetProgress {
	p := TargetProgress{Target: t, AsOf: asOf, Directives: serving}
	if t.Scope != ScopeAgencies {
		p.Reported = reported
		if reported != nil {
			v := reported.Value
			p.setValue(&v)
		}
		return p
	}
	p.Overall, p.Ministries, p.Provinces = agencyShares(serving, list)
	p.setValue(p.Overall.Percent())
	return p
}

// agencyShares counts the agencies holding the serving directives: an agency
// counts when it holds a copy that is not cancelled, and is done when every
// such copy it holds is done (with one serving directive: done / assigned).
func agencyShares(serving []Directive, list []Assignment) (overall, ministries, provinces AgencyShare) {
	ids := map[uint]bool{}
	for _, d := range serving {
		ids[d.ID] = true
	}
	type state struct {
		kind string
		done bool
	}
	agencies := map[uint]*state{}
	for i := range list {
		a := &list[i]
		if !ids[a.DirectiveID] || a.Status == StatusCancelled || a.Agency == nil {
			continue
		}
		st, ok := agencies[a.AgencyID]
		if !ok {
			st = &state{kind: a.Agency.Kind, done: true}
			agencies[a.AgencyID] = st
		}
		st.done = st.done && a.Status == StatusDone
	}
	for _, st := range agencies {
		share := &provinces
		if st.kind == KindMinistry {
			share = &ministries
		}
		for _, sh := range []*AgencyShare{share, &overall} {
			sh.Total++
			if st.done {
				sh.Done++
			}
		}
	}
	return overall, ministries, provinces
}

// servingDirectives maps each target of a plan to the directives serving it, oldest first.
func (s *Store) servingDirectives(ctx context.Context, planID uint) (map[uint][]Directive, error) {
	var list []Directive
	err := s.db.WithContext(ctx).Where("plan_id = ? AND target_id IS NOT NULL", planID).Order("id").Find(&list).Error
	if err != nil {
		return nil, err
	}
	out := map[uint][]Directive{}
	for _, d := range list {
		out[*d.TargetID] = append(out[*d.TargetID], d)
	}
	return out, nil
}
