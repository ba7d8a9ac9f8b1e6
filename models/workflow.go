package models

import (
	"net/url"
	"strings"
	"time"
)

// transitionRule says whether from -> to is part of the workflow and whether
// it is a reviewer's move (accept, return, cancel).
func transitionRule(from, to string) (allowed, reviewer bool) {
	switch {
	case from == to:
		return true, false
	case from == StatusNotStarted && (to == StatusInProgress || to == StatusSubmitted):
		return true, false
	case from == StatusInProgress && to == StatusSubmitted:
		return true, false
	case from == StatusSubmitted && (to == StatusDone || to == StatusInProgress):
		return true, true
	case IsOpen(from) && to == StatusCancelled:
		return true, true
	}
	return false, false
}

// AssignmentChange is a report or review of an assignment. Nil fields are left as they are.
type AssignmentChange struct {
	Status       *string
	Progress     *int
	Note         string
	OwnerName    *string
	OwnerEmail   *string
	EvidenceRef  *string
	EvidenceDate *string
	EvidenceURL  *string
	DueDate      *string // reviewers only: move the agency's deadline
}

func validStatus(s string) bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// validate checks the values of a change on their own (422 messages).
func (ch *AssignmentChange) validate() (evidenceDate, dueDate Day, err error) {
	v := &ValidationError{}
	if ch.Status != nil && !validStatus(*ch.Status) {
		v.Add("status", "Trạng thái không hợp lệ.")
	}
	if ch.Progress != nil && (*ch.Progress < 0 || *ch.Progress > 100) {
		v.Add("progress", "Tiến độ phải từ 0 đến 100.")
	}
	if ch.OwnerName != nil && len([]rune(*ch.OwnerName)) > 200 {
		v.Add("owner_name", "Tên người phụ trách quá dài (tối đa 200 ký tự).")
	}
	if ch.OwnerEmail != nil && *ch.OwnerEmail != "" && !ValidEmail(*ch.OwnerEmail) {
		v.Add("owner_email", "Địa chỉ e-mail không hợp lệ.")
	}
	if ch.EvidenceURL != nil && *ch.EvidenceURL != "" {
		u, perr := url.Parse(*ch.EvidenceURL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.Add("evidence_url", "Đường dẫn minh chứng phải là địa chỉ http(s) đầy đủ.")
		}
	}
	if ch.EvidenceRef != nil && len([]rune(*ch.EvidenceRef)) > 200 {
		v.Add("evidence_ref", "Số hiệu văn bản quá dài (tối đa 200 ký tự).")
	}
	if len([]rune(ch.Note)) > 4000 {
		v.Add("note", "Ghi chú quá dài (tối đa 4000 ký tự).")
	}
	if ch.EvidenceDate != nil {
		d, perr := ParseDay(*ch.EvidenceDate)
		if perr != nil {
			v.Add("evidence_date", "Ngày văn bản không hợp lệ (dd/mm/yyyy).")
		}
		evidenceDate = d
	}
	if ch.DueDate != nil {
		d, perr := ParseDay(*ch.DueDate)
		if perr != nil || d.IsZero() {
			v.Add("due_date", "Hạn hoàn thành không hợp lệ (dd/mm/yyyy).")
		}
		dueDate = d
	}
	return evidenceDate, dueDate, v.OrNil()
}

// apply checks the change against the workflow and the actor's rights and
// applies it to a; it returns the history row to record. The order of checks
// is: permission (403), values (422), workflow (409), cross-field rules (422).
func (ch *AssignmentChange) apply(a *Assignment, actor *User, now time.Time, loc *time.Location) (*Update, error) {
	if !Can(actor, ActUpdateAssignment, a.AgencyID) {
		return nil, forbiddenf("Bạn chỉ được cập nhật nhiệm vụ của cơ quan mình.")
	}
	evidenceDate, dueDate, err := ch.validate()
	if err != nil {
		return nil, err
	}
	from := a.Status
	to := from
	if ch.Status != nil {
		to = *ch.Status
	}
	allowed, reviewer := transitionRule(from, to)
	if !allowed {
		return nil, conflictf("Không thể chuyển trạng thái từ %q sang %q.", from, to)
	}
	if reviewer && !Can(actor, ActReview, a.AgencyID) {
		return nil, forbiddenf("Chỉ cơ quan điều phối mới được nghiệm thu, trả lại hoặc hủy nhiệm vụ.")
	}
	if from == to && !IsOpen(from) {
		return nil, conflictf("Nhiệm vụ đã đóng (%s), không thể thay đổi.", from)
	}
	if ch.DueDate != nil && !Can(actor, ActReview, a.AgencyID) {
		return nil, forbiddenf("Chỉ cơ quan điều phối mới được đổi hạn hoàn thành.")
	}

	setStr(&a.OwnerName, ch.OwnerName)
	setStr(&a.OwnerEmail, ch.OwnerEmail)
	setStr(&a.EvidenceRef, ch.EvidenceRef)
	setStr(&a.EvidenceURL, ch.EvidenceURL)
	if ch.EvidenceDate != nil {
		a.EvidenceDate = evidenceDate
	}
	if ch.DueDate != nil {
		a.DueOn = dueDate
	}
	if ch.Progress != nil {
		a.Progress = *ch.Progress
	}
	if ch.Status == nil && from == StatusNotStarted && a.Progress > 0 {
		to = StatusInProgress
	}

	v := &ValidationError{}
	today := DayOf(now, loc)
	switch {
	case to == StatusSubmitted && from != StatusSubmitted:
		if strings.TrimSpace(a.EvidenceRef) == "" && strings.TrimSpace(a.EvidenceURL) == "" {
			v.Add("evidence_ref", "Cần nhập minh chứng (số hiệu văn bản hoặc đường dẫn) khi báo cáo hoàn thành.")
		}
		a.Progress = 100
		a.SubmittedOn = today
	case to == StatusDone:
		a.Progress = 100
		a.CompletedOn = a.SubmittedOn
		if a.CompletedOn.IsZero() {
			a.CompletedOn = today
		}
	case from == StatusSubmitted && to == StatusInProgress:
		if strings.TrimSpace(ch.Note) == "" {
			v.Add("note", "Cần nêu lý do trả lại.")
		}
		a.SubmittedOn = ""
	case to == StatusSubmitted && ch.Progress != nil && *ch.Progress != 100:
		v.Add("progress", "Nhiệm vụ đã báo cáo hoàn thành có tiến độ 100%.")
	}
	if to == StatusNotStarted && a.Progress > 0 {
		v.Add("progress", "Nhiệm vụ chưa bắt đầu phải có tiến độ 0.")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	a.Status = to
	a.UpdatedAt = now.UTC()
	return historyRow(a, actor, now, from, strings.TrimSpace(ch.Note)), nil
}

func setStr(dst *string, src *string) {
	if src != nil {
		*dst = strings.TrimSpace(*src)
	}
}
