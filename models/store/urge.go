package store

import (
	"context"
	"errors"
	"fmt"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// UrgeResult is what urging one agency did: the messages queued, or why
// it was refused.
type UrgeResult struct {
	AgencyCode string
	Messages   int
	Err        error
}

// Urge ("đôn đốc") tells each named agency's focal points at once that the
// committee wants its late assignment of a directive done: one e-mail per
// person through the outbox, a history note and an audit row, and a
// reminder log row whose key (models.RuleUrge) makes it once a day per
// agency and directive, whoever asks and however often. Each agency is its
// own transaction; one refused (unknown, not late, urged already today)
// leaves the others urged.
func (s *Store) Urge(ctx context.Context, actor *models.User, directiveID uint, codes []string, now time.Time) ([]UrgeResult, error) {
	if !models.Can(actor, models.ActReview, 0) {
		return nil, models.Forbidden("err.review_only")
	}
	v := &models.ValidationError{}
	checkUrgedCodes(v, codes)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if _, err := s.DirectiveByID(ctx, directiveID); err != nil {
		return nil, err
	}
	today := models.DayOf(now, s.loc)
	var out []UrgeResult
	for _, code := range distinctCodes(codes) {
		res := UrgeResult{AgencyCode: code}
		res.Err = s.transaction(ctx, func(tx *gorm.DB) error {
			n, err := s.urgeIn(tx, actor, directiveID, code, today, now)
			res.Messages = n
			return err
		})
		out = append(out, res)
	}
	return out, nil
}

// urgeIn urges one agency in tx and returns how many e-mails it queued.
func (s *Store) urgeIn(tx *gorm.DB, actor *models.User, directiveID uint, code string, today models.Day, now time.Time) (int, error) {
	var a models.Assignment
	err := tx.Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("assignments.directive_id = ? AND agencies.code = ?", directiveID, code).First(&a).Error
	if err := NotFound(err); errors.Is(err, models.ErrNotFound) {
		return 0, models.Invalid("agency_codes", "err.urge_unknown_agency")
	} else if err != nil {
		return 0, err
	}
	info := models.ClassifyTimeliness(&a, now, s.loc)
	if info.Class != models.OpenOverdue || a.Status == models.StatusSubmitted {
		return 0, models.Conflict("err.urge_not_late")
	}
	log, ok, err := logUrge(tx, &a, code, today, now)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, models.Conflict("err.urge_once_a_day")
	}
	ids, err := s.noticeIn(tx, &a, models.NoticeUrge, actor, "", now)
	if err != nil {
		return 0, err
	}
	return len(ids), recordUrge(tx, actor, &a, log, code, ids, info.DaysOverdue, now)
}

// logUrge writes the reminder log row that makes an urge of an agency about
// a directive once a day (key "urge:<directive>:<agency>:<day>"), and
// reports false when it was urged already today.
func logUrge(tx *gorm.DB, a *models.Assignment, code string, today models.Day, now time.Time) (*models.ReminderLog, bool, error) {
	id := a.ID
	log := models.ReminderLog{Key: fmt.Sprintf("urge:%d:%d:%s", a.DirectiveID, a.AgencyID, today), Rule: models.RuleUrge,
		AssignmentID: &id, Recipient: code, PassAt: now.UTC()}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&log)
	return &log, res.RowsAffected == 1, res.Error
}

// recordUrge records an urge of assignment a whose e-mails are ids: the
// log's first message, an audit row and a history note.
func recordUrge(tx *gorm.DB, actor *models.User, a *models.Assignment, log *models.ReminderLog, code string, ids []uint, daysOverdue int, now time.Time) error {
	if len(ids) > 0 {
		if err := tx.Model(log).Update("outbox_id", ids[0]).Error; err != nil {
			return err
		}
	}
	if err := audit(tx, models.AuditAssignment, a.ID, models.AuditUrge, nil, map[string]any{"Agency": code, "Messages": len(ids)}); err != nil {
		return err
	}
	note := fmt.Sprintf("Đôn đốc: Ban Chỉ đạo đề nghị cơ quan khẩn trương thực hiện (quá hạn %d ngày); đã gửi %d thư.", daysOverdue, len(ids))
	return tx.Create(models.HistoryNote(a, actor, now, note)).Error
}

// checkUrgedCodes refuses an urge that names no agency, or more than a bulk
// action may.
func checkUrgedCodes(v *models.ValidationError, codes []string) {
	if len(codes) == 0 {
		v.Add("agency_codes", "err.urge_agencies_required")
	} else if len(codes) > models.MaxBulkIDs {
		v.Add("agency_codes", "err.bulk_ids_too_many", "Max", models.MaxBulkIDs)
	}
}

// distinctCodes is codes trimmed, each once, in their order.
func distinctCodes(codes []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, code := range codes {
		code = strings.TrimSpace(code)
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out
}
