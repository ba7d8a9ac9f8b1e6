package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roviec/models"
)

// reportExplanations is how many open explanation requests a monthly report
// lists; the rest are counted.
const reportExplanations = 200

// MonthlyReport gathers a theme's monthly stocktake at the end of day asOf
// (zero or future: today) from the aggregates the committee's pages show:
// each directive's scoreboard (one directive's assignments in memory at a
// time), the theme's league table for the agencies behind, and the plan's
// targets. Unknown theme: ErrNotFound.
func (s *Store) MonthlyReport(ctx context.Context, themeID uint, asOf models.Day, now time.Time) (*models.MonthlyReport, error) {
	theme, err := s.ThemeByID(ctx, themeID)
	if err != nil {
		return nil, err
	}
	plan, err := s.PlanByID(ctx, theme.PlanID)
	if err != nil {
		return nil, err
	}
	r := &models.MonthlyReport{Plan: plan, Theme: theme, AsOf: s.ClampAsOf(asOf, now)}
	var ids []uint
	if err := s.db.WithContext(ctx).Model(&models.Directive{}).Where("theme_id = ?", themeID).
		Order("due_on, id").Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		sb, err := s.Scoreboard(ctx, id, r.AsOf, now)
		if err != nil {
			return nil, err
		}
		// The agencies behind are named once, from the league; a
		// directive's own list would repeat them per directive.
		sb.NotDone = nil
		r.Scoreboards = append(r.Scoreboards, *sb)
	}
	r.Sum()
	rows, err := s.League(ctx, LeagueFilter{ThemeID: themeID, PlanID: plan.ID, AsOf: r.AsOf}, now)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if row.OpenOverdue > 0 {
			r.Laggards = append(r.Laggards, row)
		}
	}
	if r.Targets, err = s.TargetProgressList(ctx, plan.ID, r.AsOf, now); err != nil {
		return nil, err
	}
	r.Explanations, r.MoreExplanations, err = s.openExplanationsOfTheme(ctx, themeID, r.AsOf)
	return r, err
}

// openExplanationsOfTheme lists the explanation requests on the theme's
// assignments that were open at the end of asOf (requested by then, not
// answered by then), oldest first, at most reportExplanations, and counts
// the rest.
func (s *Store) openExplanationsOfTheme(ctx context.Context, themeID uint, asOf models.Day) ([]models.ExplanationRequest, int64, error) {
	end := models.EndOfDay(asOf, s.loc)
	q := func() *gorm.DB {
		return s.db.WithContext(ctx).Model(&models.ExplanationRequest{}).
			Where("assignment_id IN (SELECT assignments.id FROM assignments JOIN directives ON directives.id = assignments.directive_id WHERE directives.theme_id = ?)", themeID).
			Where("requested_at <= ? AND (answered_at IS NULL OR answered_at > ?) AND (closed_at IS NULL OR closed_at > ?)", end, end, end)
	}
	var total int64
	if err := q().Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var list []models.ExplanationRequest
	err := q().Preload("Assignment.Directive").Preload("Assignment.Agency").
		Order("requested_at, id").Limit(reportExplanations).Find(&list).Error
	return list, total - int64(len(list)), err
}
