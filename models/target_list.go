package models

import "context"

// ListTargets returns a plan's targets (chỉ tiêu) in the order they were set.
func (s *Store) ListTargets(ctx context.Context, planID uint) ([]Target, error) {
	var list []Target
	err := s.db.WithContext(ctx).Where("plan_id = ?", planID).Order("id").Find(&list).Error
	return list, err
}
