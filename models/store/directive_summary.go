package store

import (
	"context"
	"roviec/models"
	"time"
)

// SummariseDirective counts a directive's assignments by status and by
// timeliness at now. Every status and class is present, with 0 when empty.
func (s *Store) SummariseDirective(ctx context.Context, directiveID uint, now time.Time) (*models.DirectiveSummary, error) {
	var list []models.Assignment
	err := s.db.WithContext(ctx).Select("id", "status", "due_on", "submitted_on", "completed_on").
		Where("directive_id = ?", directiveID).Order("id").Find(&list).Error
	if err != nil {
		return nil, err
	}
	sum := &models.DirectiveSummary{AssignmentIDs: make([]uint, len(list)), ByStatus: map[models.Status]int{},
		ByTimeliness: map[models.Timeliness]int{}}
	for _, st := range models.Statuses {
		sum.ByStatus[st] = 0
	}
	for _, cl := range models.TimelinessClasses {
		sum.ByTimeliness[cl] = 0
	}
	for i := range list {
		sum.AssignmentIDs[i] = list[i].ID
		sum.ByStatus[list[i].Status]++
		if cl := models.ClassifyTimeliness(&list[i], now, s.loc).Class; cl != "" {
			sum.ByTimeliness[cl]++
		}
	}
	return sum, nil
}
