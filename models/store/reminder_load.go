package store

import (
	"context"
	"errors"
	"roviec/models"
	"time"
)

// PlanReminders decides which reminders are due at now (seen in the store's
// time zone) and to whom: the messages of one pass and the explanation
// requests to open. It reads and writes nothing else: RunReminderPass sends
// the plan exactly once. On a weekend or a holiday the plan is empty.
//
// It reads the open work ReminderPartSize agencies at a time and plans each
// part before reading the next, so that a national pass holds one part of
// the country's open assignments, not all of them (235,000 at a million).
func (s *Store) PlanReminders(ctx context.Context, now time.Time) (models.ReminderPlan, error) {
	in, ok, err := s.loadReminderInput(ctx, now)
	if err != nil || !ok {
		return models.ReminderPlan{}, err
	}
	directives, err := s.reminderDirectives(ctx)
	if err != nil {
		return models.ReminderPlan{}, err
	}
	planner := models.NewReminderPlanner(in, now, s.loc)
	size := max(s.ReminderPartSize, 1)
	for start := 0; start < len(in.Agencies); start += size {
		part := in.Agencies[start:min(start+size, len(in.Agencies))]
		ids := make([]uint, len(part))
		for i, ag := range part {
			ids[i] = ag.ID
		}
		assignments, err := s.reminderAssignments(ctx, ids, directives)
		if err != nil {
			return models.ReminderPlan{}, err
		}
		var explanations []models.ExplanationRequest
		err = s.db.WithContext(ctx).Model(&models.ExplanationRequest{}).
			Select("explanation_requests.id", "explanation_requests.assignment_id", "explanation_requests.due_on", "explanation_requests.answered_at", "explanation_requests.closed_at").
			Joins("JOIN assignments ON assignments.id = explanation_requests.assignment_id").
			Where("assignments.agency_id IN ?", ids).Order("explanation_requests.id").Find(&explanations).Error
		if err != nil {
			return models.ReminderPlan{}, err
		}
		planner.Add(assignments, explanations)
	}
	return planner.Plan(), nil
}

// loadReminderInput reads what every part of a pass shares, in a few
// queries: no assignment and no explanation request (PlanReminders reads
// those a part at a time). ok is false (and nothing else is read) when today
// is no working day. Its agencies are the active ones, by id.
func (s *Store) loadReminderInput(ctx context.Context, now time.Time) (in models.ReminderInput, ok bool, err error) {
	today := models.DayOf(now, s.loc)
	if in.Calendar, err = s.Calendar(ctx); err != nil || !in.Calendar.IsWorkingDay(today) {
		return in, false, err
	}
	if in.Settings, err = s.ReminderSettings(ctx); err != nil {
		return in, false, err
	}
	db := s.db.WithContext(ctx)
	if err = db.Where("active = ?", true).Order("id").Find(&in.Agencies).Error; err != nil {
		return in, false, err
	}
	if err = db.Select("id", "email", "name", "role", "agency_id", "language", "active").Order("id").Find(&in.Users).Error; err != nil {
		return in, false, err
	}
	if in.Settings.WeeklyDigest && in.Calendar.FirstWorkingDayOfWeek(today) {
		if in.AgencyCounts, err = s.agencyClassCounts(ctx, today); err != nil {
			return in, false, err
		}
	}
	if in.Settings.ThemeKickoff && in.Calendar.FirstWorkingDayOfMonth(today) {
		if in.Theme, err = s.themeOfMonth(ctx, today); err != nil {
			return in, false, err
		}
		if in.Returned, err = s.returnedReasons(ctx); err != nil {
			return in, false, err
		}
	}
	return in, true, nil
}

// reminderAssignments reads the open assignments of some agencies, and
// those with an unanswered explanation request: only the columns the rules
// read, each sharing its directive and theme (read once) with the others.
// It scans the rows itself: GORM's reflection was a tenth of a national
// pass's time.
func (s *Store) reminderAssignments(ctx context.Context, agencies []uint, directives map[uint]*models.Directive) (out []models.Assignment, err error) {
	rows, err := s.db.WithContext(ctx).Model(&models.Assignment{}).
		Select("assignments.id, assignments.directive_id, assignments.agency_id, COALESCE(assignments.owner_name, ''), "+
			"COALESCE(assignments.owner_email, ''), assignments.status, assignments.progress, assignments.due_on, assignments.submitted_on, "+
			"assignments.completed_on, assignments.original_due_on, assignments.created_at").
		Where("assignments.agency_id IN ?", agencies).
		Where("assignments.status IN ? OR assignments.id IN (SELECT assignment_id FROM explanation_requests WHERE "+explanationOpen+")",
			[]models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}).
		Order("assignments.id").Rows()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		var a models.Assignment
		err := rows.Scan(&a.ID, &a.DirectiveID, &a.AgencyID, &a.OwnerName, &a.OwnerEmail, &a.Status, &a.Progress,
			&a.DueOn, &a.SubmittedOn, &a.CompletedOn, &a.OriginalDue, &a.CreatedAt)
		if err != nil {
			return nil, err
		}
		a.Directive = directives[a.DirectiveID]
		out = append(out, a)
	}
	return out, rows.Err()
}

// reminderDirectives reads every directive with the columns a reminder
// shows, and its theme.
func (s *Store) reminderDirectives(ctx context.Context) (map[uint]*models.Directive, error) {
	var themes []models.Theme
	if err := s.db.WithContext(ctx).Select("id", "title_vi", "title_en", "first_month").Find(&themes).Error; err != nil {
		return nil, err
	}
	byTheme := make(map[uint]*models.Theme, len(themes))
	for i := range themes {
		byTheme[themes[i].ID] = &themes[i]
	}
	var list []models.Directive
	if err := s.db.WithContext(ctx).Select("id", "title", "deliverable", "theme_id").Find(&list).Error; err != nil {
		return nil, err
	}
	out := make(map[uint]*models.Directive, len(list))
	for i := range list {
		list[i].Theme = byTheme[list[i].ThemeID]
		out[list[i].ID] = &list[i]
	}
	return out, nil
}

// themeOfMonth is the theme covering the month of day in a plan of its
// year (the oldest plan when several have one), or nil.
func (s *Store) themeOfMonth(ctx context.Context, day models.Day) (*models.Theme, error) {
	t := day.Time()
	var list []models.Theme
	err := s.db.WithContext(ctx).Select("themes.*").Joins("JOIN plans ON plans.id = themes.plan_id").
		Where("plans.year = ? AND themes.first_month <= ? AND themes.last_month >= ?", t.Year(), int(t.Month()), int(t.Month())).
		Order("plans.id, themes.id").Limit(1).Find(&list).Error
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// returnedReasons maps each returned assignment of an active agency (in
// progress, its last change of status a return of its submission) to the
// reason given, for the kick-off. Read on kick-off days only.
func (s *Store) returnedReasons(ctx context.Context) (map[uint]string, error) {
	var rows []struct {
		AssignmentID uint
		Note         string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT u.assignment_id, u.note FROM updates u
		JOIN assignments a ON a.id = u.assignment_id
		WHERE a.status = ? AND a.agency_id IN (SELECT id FROM agencies WHERE active = ?)
		AND u.from_status = ? AND u.to_status = ?
		AND u.id = (SELECT MAX(u2.id) FROM updates u2 WHERE u2.assignment_id = u.assignment_id AND u2.from_status <> u2.to_status)`,
		models.StatusInProgress, true, models.StatusSubmitted, models.StatusInProgress).Scan(&rows).Error
	out := make(map[uint]string, len(rows))
	for _, r := range rows {
		out[r.AssignmentID] = r.Note
	}
	return out, err
}
