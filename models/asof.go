package models

import (
	"context"
	"time"
)

// EndOfDay is the last instant of day d in loc: "as of" a date means as the
// work stood when that day ended, local time.
func EndOfDay(d Day, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// AssignmentsAsOf returns the assignments matching f as they stood at the end
// of day asOf, rebuilt from their history of updates (not from the current
// row): status, progress, owner, evidence, submitted and completed dates and
// the deadline in force. Assignments created after that day are left out.
// When asOf is today or later, the current rows are returned as they are.
// Pagination in f is ignored; Directive and Agency are loaded.
func (s *Store) AssignmentsAsOf(ctx context.Context, f AssignmentFilter, asOf Day, now time.Time) ([]Assignment, error) {
	f.Page, f.Timeliness, f.OverdueOnly, f.Status = Page{}, "", false, ""
	end := EndOfDay(asOf, s.loc)
	var list []Assignment
	err := s.assignmentQuery(ctx, f, now).Where("assignments.created_at <= ?", end.UTC()).
		Preload("Directive").Preload("Agency").Order("assignments.id").Find(&list).Error
	if err != nil || asOf >= DayOf(now, s.loc) {
		return list, err
	}
	history, err := s.historyOf(ctx, list, end)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i] = replay(list[i], history[list[i].ID], s.loc)
	}
	return list, nil
}

// historyOf loads the updates of the assignments in list written up to
// until (all of them when until is zero), oldest first for each assignment,
// 500 assignments a query.
func (s *Store) historyOf(ctx context.Context, list []Assignment, until time.Time) (map[uint][]Update, error) {
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	history := map[uint][]Update{}
	for start := 0; start < len(ids); start += 500 {
		q := s.db.WithContext(ctx).Where("assignment_id IN ?", ids[start:min(start+500, len(ids))])
		if !until.IsZero() {
			q = q.Where("at <= ?", until.UTC())
		}
		var rows []Update
		if err := q.Order("assignment_id, at, id").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, u := range rows {
			history[u.AssignmentID] = append(history[u.AssignmentID], u)
		}
	}
	return history, nil
}

// replay rebuilds an assignment from its creation through the given history
// rows (oldest first). Rows written before schema 3 carry no deadline; the
// assignment's original deadline stands for them.
func replay(a Assignment, rows []Update, loc *time.Location) Assignment {
	due := a.DueOn
	if !a.OriginalDue.IsZero() {
		due = a.OriginalDue
	}
	out := a
	out.Status, out.Progress, out.DueOn = StatusNotStarted, 0, due
	out.OwnerName, out.OwnerEmail, out.EvidenceRef, out.EvidenceDate, out.EvidenceURL = "", "", "", "", ""
	out.SubmittedOn, out.CompletedOn, out.UpdatedAt = "", "", a.CreatedAt
	for _, u := range rows {
		day := DayOf(u.At, loc)
		switch {
		case u.ToStatus == StatusSubmitted && u.FromStatus != StatusSubmitted:
			out.SubmittedOn = day
		case u.FromStatus == StatusSubmitted && u.ToStatus == StatusInProgress:
			out.SubmittedOn = ""
		}
		if u.ToStatus == StatusDone && u.FromStatus != StatusDone {
			out.CompletedOn = out.SubmittedOn
			if out.CompletedOn.IsZero() {
				out.CompletedOn = day
			}
		}
		out.Status, out.Progress = u.ToStatus, u.Progress
		out.OwnerName, out.OwnerEmail = u.OwnerName, u.OwnerEmail
		out.EvidenceRef, out.EvidenceDate, out.EvidenceURL = u.EvidenceRef, u.EvidenceDate, u.EvidenceURL
		if !u.DueOn.IsZero() {
			out.DueOn = u.DueOn
		}
		out.UpdatedAt = u.At
	}
	out.OriginalDue = ""
	if !a.OriginalDue.IsZero() && out.DueOn != a.OriginalDue {
		out.OriginalDue = a.OriginalDue // an extension was in force by then
	}
	return out
}
