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

// MailListLimit is how many reminder items one e-mail lists; the rest are
// counted, with a link (a coordinator's escalations at national scale run to
// thousands, which no one reads in an e-mail and which would make it
// megabytes). Every item still counts as reminded: its key is logged with the
// message. The digest's open explanation requests are kept to this many.
const MailListLimit = 100

// digestLists are the digest's lists of assignments, gathered part by part.
// The unclear assignments and the open explanation requests (tens of
// thousands each at national scale) keep only the first of them in the
// digest's order, and their count.
type digestLists struct {
	newlyOverdue []ReminderItem
	unclear      shortList
	explanations shortList
}

// shortList is the first items of a list in the digest's order, and the
// length of the whole.
type shortList struct {
	items []ReminderItem
	total int
}

func (l *shortList) add(it ReminderItem) {
	l.items = append(l.items, it)
	l.total++
}

// cut keeps the first n of l's items (after a part, so that a part's items
// are sorted together rather than one at a time).
func (b *planBuilder) cut(l *shortList, n int) {
	b.sortItems(l.items)
	l.items = slices.Clone(l.items[:min(len(l.items), n)])
}

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
// agencies' class counts, its lists from what the parts gathered.
func (b *planBuilder) digest() Digest {
	year, week := b.today.Time().ISOWeek()
	d := Digest{Week: fmt.Sprintf("%04d-W%02d", year, week)}
	d.TopOverdue = b.topOverdue(b.digestCounts(&d))
	l := &b.lists
	b.sortItems(l.newlyOverdue)
	d.NewlyOverdue = l.newlyOverdue
	d.OpenExplanation, d.OpenExplanationTotal = l.explanations.items, l.explanations.total
	d.Unclear, d.UnclearTotal = l.unclear.items, l.unclear.total
	return d
}

// digestAssignment lists an assignment of an active agency in the digest
// when it became overdue this week or nobody is named for it.
func (b *planBuilder) digestAssignment(a *Assignment, ag *Agency) {
	if info := ClassifyTimeliness(a, b.now, b.loc); info.Class == OpenOverdue && a.DueOn >= b.today.AddDays(-7) {
		b.lists.newlyOverdue = append(b.lists.newlyOverdue, b.item(a, ag, RuleDigest))
	}
	if needsWork(a.Status) && unclear(a) {
		it := b.item(a, ag, RuleDigest)
		it.Missing = AssessClarity(a, a.Directive).Missing
		b.lists.unclear.add(it)
	}
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

// digestPart lists a part's unanswered explanation requests on assignments
// of active agencies, each with the deadline that was missed, and cuts the
// digest's short lists.
func (b *planBuilder) digestPart(explanations []ExplanationRequest, byID map[uint]*Assignment) {
	for _, e := range explanations {
		a := byID[e.AssignmentID]
		if !e.Open() || a == nil {
			continue
		}
		it := b.item(a, b.agencies[a.AgencyID], RuleDigest)
		it.Level, it.DueOn, it.DaysOverdue = 2, e.DueOn, max(e.DueOn.DaysUntil(b.today), 0)
		b.lists.explanations.add(it)
	}
	b.cut(&b.lists.explanations, MailListLimit)
	b.cut(&b.lists.unclear, digestUnclear)
}

// kickoffAssignment lists an assignment of an active agency that needs
// work in its focal points' kick-off: when it is due this month, when it is
// overdue, and when it was returned (with the reason).
func (b *planBuilder) kickoffAssignment(a *Assignment, ag *Agency) {
	if !needsWork(a.Status) {
		return
	}
	if reason, ok := b.in.Returned[a.ID]; ok && a.Status == StatusInProgress {
		it := b.item(a, ag, RuleKickoff)
		it.Reason = reason
		b.kickoffReturned[ag.ID] = append(b.kickoffReturned[ag.ID], it)
	}
	switch {
	case a.DueOn.IsZero():
	case a.DueOn[:7] == b.today[:7]:
		b.kickoffDue[ag.ID] = append(b.kickoffDue[ag.ID], b.item(a, ag, RuleKickoff))
	case a.DueOn < b.today:
		b.kickoffOverdue[ag.ID] = append(b.kickoffOverdue[ag.ID], b.item(a, ag, RuleKickoff))
	}
}

// kickoffMessages is rule 7: on the first working day of a month, every
// active focal point gets the month's theme and the assignments of their
// agency due in the month that still need work (possibly none), then the
// agency's overdue work (most days first) and its returned submissions
// with their reasons.
func (b *planBuilder) kickoffMessages() []ReminderMessage {
	month := string(b.today[:7])
	var out []ReminderMessage
	for agencyID, focal := range b.focal {
		items, late, back := b.kickoffDue[agencyID], b.kickoffOverdue[agencyID], b.kickoffReturned[agencyID]
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
