package models

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

// SetValue records the current value and whether it meets the target.
func (p *TargetProgress) SetValue(v *float64) {
	p.Value = v
	p.Met = v != nil && p.Target.IsMet(*v)
}

// AgencyShares counts the agencies holding the serving directives: an agency
// counts when it holds a copy that is not cancelled, and is done when every
// such copy it holds is done (with one serving directive: done / assigned).
func AgencyShares(serving []Directive, list []Assignment) (overall, ministries, provinces AgencyShare) {
	ids := map[uint]bool{}
	for _, d := range serving {
		ids[d.ID] = true
	}
	type state struct {
		kind AgencyKind
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
