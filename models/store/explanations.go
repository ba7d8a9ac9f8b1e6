package store

import (
	"context"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
)

// explanationOpen: an explanation request neither answered nor closed with
// its assignment's cancellation.
const explanationOpen = "answered_at IS NULL AND closed_at IS NULL"

// AnswerExplanation stores an agency's answer to an explanation request
// (yêu cầu giải trình) and records it in the assignment's history, in one
// transaction. Only who may report on the assignment may answer (403); the
// answer is required (422); a request answers once (409).
func (s *Store) AnswerExplanation(ctx context.Context, actor *models.User, requestID uint, answer string, now time.Time) (*models.ExplanationRequest, error) {
	defer s.forgetQueueCounts()
	err := s.write(ctx, func(tx *gorm.DB) error {
		var req models.ExplanationRequest
		if err := tx.Preload("Assignment").First(&req, requestID).Error; err != nil {
			return NotFound(err)
		}
		a := req.Assignment
		if !models.Can(actor, models.ActUpdateAssignment, a.AgencyID) {
			return models.Forbidden("err.explanation_agency_only")
		}
		v := &models.ValidationError{}
		answer = strings.TrimSpace(answer)
		models.CheckText(v, "answer", answer, "err.explanation_answer_required")
		if err := v.OrNil(); err != nil {
			return err
		}
		if req.AnsweredAt != nil {
			return models.Conflict("err.explanation_answered")
		}
		if req.ClosedAt != nil {
			return models.Conflict("err.explanation_closed")
		}
		at := now.UTC()
		res := tx.Model(&models.ExplanationRequest{}).Where("id = ? AND "+explanationOpen, req.ID).
			Updates(map[string]any{"answer": answer, "answered_at": &at, "answered_by_id": actor.ID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.Conflict("err.explanation_answered_concurrently")
		}
		if err := audit(tx, models.AuditExplanation, req.ID, models.AuditAnswer, map[string]any{"Answer": req.Answer},
			map[string]any{"Answer": answer}); err != nil {
			return err
		}
		return tx.Create(models.HistoryNote(a, actor, now, "Giải trình: "+answer)).Error
	})
	if err != nil {
		return nil, err
	}
	return s.ExplanationByID(ctx, requestID)
}

// explanationQuery preloads what lists and pages show of an explanation request.
func (s *Store) explanationQuery(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx).Preload("Assignment.Directive").Preload("Assignment.Agency").Preload("AnsweredBy")
}

// ExplanationByID loads one explanation request with its assignment.
func (s *Store) ExplanationByID(ctx context.Context, id uint) (*models.ExplanationRequest, error) {
	var req models.ExplanationRequest
	if err := s.explanationQuery(ctx).First(&req, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &req, nil
}

// ListExplanations returns the explanation requests (only the unanswered
// ones when openOnly), oldest first, with assignment, directive and agency.
func (s *Store) ListExplanations(ctx context.Context, openOnly bool) ([]models.ExplanationRequest, error) {
	q := s.explanationQuery(ctx)
	if openOnly {
		q = q.Where(explanationOpen)
	}
	var list []models.ExplanationRequest
	err := q.Order("requested_at, id").Find(&list).Error
	return list, err
}

// ExplanationsFor returns the explanation requests of an assignment, oldest first.
func (s *Store) ExplanationsFor(ctx context.Context, assignmentID uint) ([]models.ExplanationRequest, error) {
	var list []models.ExplanationRequest
	err := s.explanationQuery(ctx).Where("assignment_id = ?", assignmentID).Order("requested_at, id").Find(&list).Error
	return list, err
}
