package store

import (
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// agencyPeople are the active focal points of an agency: who is told of
// what happens to its work.
func agencyPeople(tx *gorm.DB, agencyID uint) ([]models.User, error) {
	var list []models.User
	err := tx.Where("agency_id = ? AND role = ? AND active = ?", agencyID, models.RoleFocal, true).Order("id").Find(&list).Error
	return list, err
}

// noticeIn queues, in tx, one e-mail of the given kind to each of the
// agency's focal points about assignment a (its directive and agency read
// in tx) and returns their outbox ids; nothing without a renderer.
func (s *Store) noticeIn(tx *gorm.DB, a *models.Assignment, kind models.NoticeKind, actor *models.User, reason string, now time.Time) ([]uint, error) {
	if s.Notices == nil {
		return nil, nil
	}
	var d models.Directive
	if err := tx.First(&d, a.DirectiveID).Error; err != nil {
		return nil, err
	}
	var ag models.Agency
	if err := tx.First(&ag, a.AgencyID).Error; err != nil {
		return nil, err
	}
	info := models.ClassifyTimeliness(a, now, s.loc)
	by := ""
	if actor != nil {
		by = actor.Name
	}
	return s.mailAgency(tx, &ag, now, func(u *models.User, agName string) models.NoticeMail {
		return models.NoticeMail{Kind: kind, Name: u.Name, Email: u.Email, Lang: u.Language,
			AssignmentID: a.ID, Directive: d.Title, AgencyName: agName, Status: a.Status, Progress: a.Progress,
			DueOn: a.DueOn, DaysOverdue: info.DaysOverdue, Reason: reason, By: by}
	})
}

// mailAgency queues, in tx, one e-mail to each of agency ag's focal points,
// the notice notice says for them (given their name of the agency, in their
// language), and returns their outbox ids; nothing without a renderer.
func (s *Store) mailAgency(tx *gorm.DB, ag *models.Agency, now time.Time, notice func(u *models.User, agName string) models.NoticeMail) ([]uint, error) {
	if s.Notices == nil {
		return nil, nil
	}
	people, err := agencyPeople(tx, ag.ID)
	if err != nil {
		return nil, err
	}
	var ids []uint
	for _, u := range people {
		agName := ag.Name
		if u.Language == "en" && ag.NameEN != "" {
			agName = ag.NameEN
		}
		mail, err := s.Notices(notice(&u, agName))
		if err != nil {
			return nil, err
		}
		msg := models.OutboxMessage{Recipients: u.Email, RecipientName: u.Name, Lang: u.Language,
			Subject: mail.Subject, BodyText: mail.Text, BodyHTML: mail.HTML, Status: models.OutboxQueued,
			NextAttemptAt: now.UTC(), CreatedAt: now.UTC()}
		if err := tx.Create(&msg).Error; err != nil {
			return nil, err
		}
		ids = append(ids, msg.ID)
	}
	return ids, nil
}
