package store

import (
	"context"
	"errors"
	"sort"
	"time"

	"roviec/models"

	"gorm.io/gorm"
)

// PlanUrgeResult is what urging one agency about its overdue work of a
// plan did: the tasks urged, those skipped because their directive was
// urged for the agency already today, the e-mails queued, or why it was
// refused.
type PlanUrgeResult struct {
	AgencyCode string
	Urged      int
	Skipped    int
	Messages   int
	Err        error
}

// UrgeInPlan urges ("đôn đốc") each named agency about all of its overdue
// assignments of a plan at once (the league table's late agencies): per
// agency, each overdue assignment not urged today gets the urge's reminder
// log row (once a day per agency and directive, shared with Urge), audit
// row and history note, and each of the agency's focal points one e-mail
// listing them all. Each agency is its own transaction; one refused (not
// an agency, nothing overdue) leaves the others urged.
func (s *Store) UrgeInPlan(ctx context.Context, actor *models.User, planID uint, codes []string, now time.Time) ([]PlanUrgeResult, error) {
	if !models.Can(actor, models.ActReview, 0) {
		return nil, models.Forbidden("err.review_only")
	}
	v := &models.ValidationError{}
	if planID == 0 {
		v.Add("plan_id", "err.urge_plan_required")
	}
	checkUrgedCodes(v, codes)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if _, err := s.PlanByID(ctx, planID); err != nil {
		return nil, err
	}
	today := models.DayOf(now, s.loc)
	var out []PlanUrgeResult
	for _, code := range distinctCodes(codes) {
		res := PlanUrgeResult{AgencyCode: code}
		res.Err = s.transaction(ctx, func(tx *gorm.DB) error {
			return s.urgeAgencyIn(tx, actor, planID, &res, today, now)
		})
		if res.Err != nil {
			res.Urged, res.Skipped, res.Messages = 0, 0, 0 // rolled back
		}
		out = append(out, res)
	}
	return out, nil
}

// urgeAgencyIn urges agency res.AgencyCode about its overdue work of the
// plan in tx, counting into res.
func (s *Store) urgeAgencyIn(tx *gorm.DB, actor *models.User, planID uint, res *PlanUrgeResult, today models.Day, now time.Time) error {
	var ag models.Agency
	if err := NotFound(tx.Where("code = ? AND active = ?", res.AgencyCode, true).First(&ag).Error); errors.Is(err, models.ErrNotFound) {
		return models.Invalid("agency_codes", "err.agency_unknown", "Code", res.AgencyCode)
	} else if err != nil {
		return err
	}
	// Open and past their deadline, read through idx_assignments_agency_work
	// (agency, status, due_on); a submission waits for the committee, not
	// for the agency, so it is not urged (as in Urge).
	var late []models.Assignment
	err := tx.Preload("Directive").
		Where("agency_id = ? AND status IN ? AND due_on <> '' AND due_on < ?", ag.ID,
			[]models.Status{models.StatusNotStarted, models.StatusInProgress}, string(today)).
		Where("directive_id IN (SELECT id FROM directives WHERE plan_id = ?)", planID).
		Order("due_on, id").Find(&late).Error
	if err != nil {
		return err
	}
	var tasks []models.NoticeTask
	var urged []*models.Assignment
	var logs []*models.ReminderLog
	var days []int
	for i := range late {
		a := &late[i]
		info := models.ClassifyTimeliness(a, now, s.loc)
		if info.Class != models.OpenOverdue {
			continue
		}
		log, ok, err := logUrge(tx, a, ag.Code, today, now)
		if err != nil {
			return err
		}
		if !ok {
			res.Skipped++
			continue
		}
		urged, logs, days = append(urged, a), append(logs, log), append(days, info.DaysOverdue)
		tasks = append(tasks, models.NoticeTask{AssignmentID: a.ID, Directive: a.Directive.Title, Status: a.Status,
			Progress: a.Progress, DueOn: a.DueOn, DaysOverdue: info.DaysOverdue})
	}
	if len(urged) == 0 && res.Skipped == 0 {
		return models.Conflict("err.urge_plan_not_late")
	}
	if len(urged) == 0 {
		return nil
	}
	// The e-mail lists the most days overdue first.
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].DaysOverdue > tasks[j].DaysOverdue })
	by := ""
	if actor != nil {
		by = actor.Name
	}
	ids, err := s.mailAgency(tx, &ag, now, func(u *models.User, agName string) models.NoticeMail {
		return models.NoticeMail{Kind: models.NoticeUrgeAgency, Name: u.Name, Email: u.Email, Lang: u.Language,
			AgencyName: agName, By: by, Tasks: tasks}
	})
	if err != nil {
		return err
	}
	for i, a := range urged {
		if err := recordUrge(tx, actor, a, logs[i], ag.Code, ids, days[i], now); err != nil {
			return err
		}
	}
	res.Urged, res.Messages = len(urged), len(ids)
	return nil
}
