package models

import (
	"context"
	"time"
)

// DirectiveSummary is where a directive's assignments stand at a moment:
// their ids and how many are in each status and each timeliness class.
type DirectiveSummary struct {
	AssignmentIDs []uint
	ByStatus      map[string]int
	ByTimeliness  map[Timeliness]int
}

// SummariseDirective counts a directive's assignments by status and by
// timeliness at now. Every status and class is present, with 0 when empty.
func (s *Store) SummariseDirective(ctx context.Context, directiveID uint, now time.Time) (*DirectiveSummary, error) {
	var list []Assignment
	err := s.db.WithContext(ctx).Select("id", "status", "due_on", "submitted_on", "completed_on").
		Where("directive_id = ?", directiveID).Order("id").Find(&list).Error
	if err != nil {
		return nil, err
	}
	sum := &DirectiveSummary{AssignmentIDs: make([]uint, len(list)), ByStatus: map[string]int{},
		ByTimeliness: map[Timeliness]int{}}
	for _, st := range Statuses {
		sum.ByStatus[st] = 0
	}
	for _, cl := range TimelinessClasses {
		sum.ByTimeliness[cl] = 0
	}
	for i := range list {
		sum.AssignmentIDs[i] = list[i].ID
		sum.ByStatus[list[i].Status]++
		if cl := ClassifyTimeliness(&list[i], now, s.loc).Class; cl != "" {
			sum.ByTimeliness[cl]++
		}
	}
	return sum, nil
}
