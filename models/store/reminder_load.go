package store

import (
	"context"
	"roviec/models"
	"time"
)

// PlanReminders decides which reminders are due at now (seen in the store's
// time zone) and to whom: the messages of one pass and the explanation
// requests to open. It reads and writes nothing else: RunReminderPass sends
// the plan exactly once. On a weekend or a holiday the plan is empty.
func (s *Store) PlanReminders(ctx context.Context, now time.Time) (models.ReminderPlan, error) {
	in, ok, err := s.loadReminderInput(ctx, now)
	if err != nil || !ok {
		return models.ReminderPlan{}, err
	}
	return models.PlanReminders(in, now, s.loc), nil
}

// loadReminderInput reads what the rules need, in a few queries; ok is
// false (and nothing else is read) when today is no working day.
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
	if in.Assignments, err = s.reminderAssignments(ctx); err != nil {
		return in, false, err
	}
	err = db.Select("id", "assignment_id", "due_on", "answered_at").Order("id").Find(&in.Explanations).Error
	if err != nil {
		return in, false, err
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

// reminderAssignments reads the open assignments of active agencies, and
// those with an unanswered explanation request: only the columns the rules
// read, each sharing its directive and theme (read once) with the others.
func (s *Store) reminderAssignments(ctx context.Context) ([]models.Assignment, error) {
	directives, err := s.reminderDirectives(ctx)
	if err != nil {
		return nil, err
	}
	var out []models.Assignment
	err = s.db.WithContext(ctx).Model(&models.Assignment{}).
		Select("assignments.id, assignments.directive_id, assignments.agency_id, assignments.owner_name, "+
			"assignments.owner_email, assignments.status, assignments.progress, assignments.due_on, assignments.submitted_on, "+
			"assignments.completed_on, assignments.original_due_on, assignments.created_at").
		Where("assignments.agency_id IN (SELECT id FROM agencies WHERE active = ?)", true).
		Where("assignments.status IN ? OR assignments.id IN (SELECT assignment_id FROM explanation_requests WHERE answered_at IS NULL)",
			[]models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}).
		Order("assignments.id").Find(&out).Error
	for i := range out {
		out[i].Directive = directives[out[i].DirectiveID]
	}
	return out, err
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
