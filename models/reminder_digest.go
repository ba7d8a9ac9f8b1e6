package models

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
)

// Sizes of the lists of the weekly digest.
const (
	digestTopOverdue = 10 // agencies with most overdue work
	digestUnclear    = 20 // unclear assignments listed (all are counted)
)

// digestMessages is rule 6: the weekly digest, one message per active
// coordinator.
func (b *planBuilder) digestMessages() []ReminderMessage {
	d := b.digest()
	out := make([]ReminderMessage, 0, len(b.coordinators))
	for _, r := range b.coordinators {
		copied := d
		copied.Key = fmt.Sprintf("%s:%s:%s", RuleDigest, d.Week, r.Email)
		out = append(out, ReminderMessage{Recipient: r, Day: b.today, Digest: &copied})
	}
	return out
}

// digest builds the summary of the week of today: its counts from the
// agencies' class counts, its lists from the open assignments.
func (b *planBuilder) digest() Digest {
	year, week := b.today.Time().ISOWeek()
	d := Digest{Week: fmt.Sprintf("%04d-W%02d", year, week)}
	top := b.digestCounts(&d)
	weekAgo := b.today.AddDays(-7)
	byID := map[uint]*Assignment{}
	for i := range b.in.Assignments {
		a := &b.in.Assignments[i]
		ag := b.agencies[a.AgencyID]
		if ag == nil {
			continue
		}
		byID[a.ID] = a
		if info := ClassifyTimeliness(a, b.now, b.loc); info.Class == OpenOverdue && a.DueOn >= weekAgo {
			d.NewlyOverdue = append(d.NewlyOverdue, b.item(a, ag, RuleDigest))
		}
		if needsWork(a.Status) && unclear(a) {
			it := b.item(a, ag, RuleDigest)
			it.Missing = AssessClarity(a, a.Directive).Missing
			d.Unclear = append(d.Unclear, it)
		}
	}
	d.TopOverdue = b.topOverdue(top)
	d.OpenExplanation = b.openExplanations(byID)
	b.sortItems(d.NewlyOverdue)
	b.sortItems(d.Unclear)
	d.UnclearTotal = len(d.Unclear)
	d.Unclear = d.Unclear[:min(len(d.Unclear), digestUnclear)]
	return d
}

// digestCounts counts the active agencies' assignments in the four classes,
// ministries apart from provinces, and each agency's overdue work.
func (b *planBuilder) digestCounts(d *Digest) map[uint]*AgencyOverdue {
	top := map[uint]*AgencyOverdue{}
	for _, c := range b.in.AgencyCounts {
		ag := b.agencies[c.AgencyID]
		if ag == nil {
			continue
		}
		counts := &d.Provinces
		if ag.Kind == KindMinistry {
			counts = &d.Ministries
		}
		switch c.Class {
		case DoneOnTime:
			counts.DoneOnTime += c.N
		case DoneLate:
			counts.DoneLate += c.N
		case OpenOnTrack:
			counts.OpenOnTrack += c.N
		case OpenOverdue:
			counts.OpenOverdue += c.N
			if top[ag.ID] == nil {
				top[ag.ID] = &AgencyOverdue{Code: ag.Code, Name: ag.Name}
			}
			top[ag.ID].Overdue += c.N
			top[ag.ID].DaysOverdue += c.DaysOverdue
		}
	}
	return top
}

// topOverdue ranks agencies by overdue assignments, then by days overdue,
// then by name (Vietnamese order), and keeps the first ten.
func (b *planBuilder) topOverdue(top map[uint]*AgencyOverdue) []AgencyOverdue {
	list := make([]AgencyOverdue, 0, len(top))
	for _, t := range top {
		list = append(list, *t)
	}
	slices.SortFunc(list, func(x, y AgencyOverdue) int {
		return cmp.Or(cmp.Compare(y.Overdue, x.Overdue), cmp.Compare(y.DaysOverdue, x.DaysOverdue),
			bytes.Compare(b.sortKey(x.Name), b.sortKey(y.Name)), cmp.Compare(x.Code, y.Code))
	})
	return list[:min(len(list), digestTopOverdue)]
}

// openExplanations lists the unanswered explanation requests of active
// agencies, each with the deadline that was missed.
func (b *planBuilder) openExplanations(byID map[uint]*Assignment) []ReminderItem {
	var items []ReminderItem
	for _, e := range b.in.Explanations {
		a := byID[e.AssignmentID]
		if e.AnsweredAt != nil || a == nil {
			continue
		}
		it := b.item(a, b.agencies[a.AgencyID], RuleDigest)
		it.Level, it.DueOn, it.DaysOverdue = 2, e.DueOn, max(e.DueOn.DaysUntil(b.today), 0)
		items = append(items, it)
	}
	b.sortItems(items)
	return items
}

// kickoffMessages is rule 7: on the first working day of a month, every
// active focal point gets the month's theme and the assignments of their
// agency due in the month that still need work (possibly none), then the
// agency's overdue work (most days first) and its returned submissions
// with their reasons.
func (b *planBuilder) kickoffMessages() []ReminderMessage {
	month := string(b.today[:7])
	due, overdue, returned := map[uint][]ReminderItem{}, map[uint][]ReminderItem{}, map[uint][]ReminderItem{}
	for i := range b.in.Assignments {
		a := &b.in.Assignments[i]
		ag := b.agencies[a.AgencyID]
		if ag == nil || !needsWork(a.Status) {
			continue
		}
		if reason, ok := b.in.Returned[a.ID]; ok && a.Status == StatusInProgress {
			it := b.item(a, ag, RuleKickoff)
			it.Reason = reason
			returned[ag.ID] = append(returned[ag.ID], it)
		}
		switch {
		case a.DueOn.IsZero():
		case string(a.DueOn[:7]) == month:
			due[ag.ID] = append(due[ag.ID], b.item(a, ag, RuleKickoff))
		case a.DueOn < b.today:
			overdue[ag.ID] = append(overdue[ag.ID], b.item(a, ag, RuleKickoff))
		}
	}
	var out []ReminderMessage
	for agencyID, focal := range b.focal {
		items, late, back := due[agencyID], overdue[agencyID], returned[agencyID]
		b.sortItems(items)
		b.sortItems(back)
		b.sortItems(late)
		slices.SortStableFunc(late, func(x, y ReminderItem) int { return cmp.Compare(y.DaysOverdue, x.DaysOverdue) })
		for _, r := range focal {
			out = append(out, ReminderMessage{Recipient: r, Day: b.today, Kickoff: &Kickoff{Key: fmt.Sprintf("%s:%s:%s", RuleKickoff, month, r.Email),
				Month: month, ThemeVI: b.in.Theme.TitleVI, ThemeEN: b.in.Theme.TitleEN, Items: items, Overdue: late, Returned: back}})
		}
	}
	slices.SortFunc(out, func(x, y ReminderMessage) int { return cmp.Compare(x.Recipient.Email, y.Recipient.Email) })
	return out
}
