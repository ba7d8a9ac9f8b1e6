package bulk

import (
	"strings"
	"time"

	"roviec/models"
)

// The tables a Writer fills, in the order they are written: parents
// before children.
const (
	bulkAgencies = iota
	bulkUsers
	bulkPlans
	bulkThemes
	bulkDirectives
	bulkAssignments
	bulkUpdates
	bulkExtensions
	bulkExplanations
	bulkOutbox
	bulkReminderLogs
)

// bulkTables lists the tables (in the order of the constants above) and
// their columns as the migrations made them.
func bulkTables() []bulkTable {
	t := func(name, columns string) bulkTable {
		return bulkTable{name: name, columns: strings.Fields(columns)}
	}
	return []bulkTable{
		t("agencies", "id code name name_en kind agency_group leader_name leader_email active search_key"),
		t("users", "id email name role agency_id language active password_hash created_at updated_at"),
		t("plans", "id name name_en year created_at updated_at"),
		t("themes", "id plan_id first_month last_month title_vi title_en description source"),
		t("directives", "id plan_id theme_id pillar title description deliverable due_on target_id source "+
			"created_by_id created_at updated_at search_key"),
		t("assignments", "id directive_id agency_id owner_name owner_email status progress due_on original_due_on created_due_on "+
			"submitted_on completed_on evidence_ref evidence_date evidence_url created_at updated_at version"),
		t("updates", "id assignment_id user_id at from_status to_status progress note owner_name owner_email "+
			"evidence_ref evidence_date evidence_url due_on version"),
		t("extensions", "id assignment_id requested_by_id requested_at current_due new_due reason status "+
			"decided_by_id decided_at decision_note"),
		t("explanation_requests", "id assignment_id due_on requested_at answer answered_at answered_by_id closed_at"),
		t("outbox", "id recipients recipient_name lang subject body_text body_html status attempts last_error "+
			"next_attempt_at locked_until created_at sent_at"),
		t("reminder_logs", "id key rule level assignment_id recipient outbox_id pass_at"),
	}
}

// The values below are what GORM writes for the same fields: strings as
// they are ("" stays ""), a Day as its text or NULL, nil pointers as NULL,
// times as time.Time for the driver to format.

// dayArg is a date as the database stores it (NULL for none).
func dayArg(d models.Day) any {
	if d.IsZero() {
		return nil
	}
	return string(d)
}

// idArg is an optional identifier (NULL for none).
func idArg(id *uint) any {
	if id == nil {
		return nil
	}
	return int64(*id)
}

// timeArg is an optional time (NULL for none).
func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

// AddAgency queues an agency.
func (w *Writer) AddAgency(a *models.Agency) error {
	return w.add(bulkAgencies, int64(a.ID), a.Code, a.Name, a.NameEN, string(a.Kind), a.Group, a.LeaderName,
		a.LeaderEmail, a.Active, a.SearchKey)
}

// AddUser queues a user.
func (w *Writer) AddUser(u *models.User) error {
	return w.add(bulkUsers, int64(u.ID), u.Email, u.Name, string(u.Role), idArg(u.AgencyID), u.Language, u.Active,
		u.PasswordHash, u.CreatedAt, u.UpdatedAt)
}

// AddPlan queues a plan.
func (w *Writer) AddPlan(p *models.Plan) error {
	return w.add(bulkPlans, int64(p.ID), p.Name, p.NameEN, int64(p.Year), p.CreatedAt, p.UpdatedAt)
}

// AddTheme queues a theme.
func (w *Writer) AddTheme(t *models.Theme) error {
	return w.add(bulkThemes, int64(t.ID), int64(t.PlanID), int64(t.FirstMonth), int64(t.LastMonth), t.TitleVI, t.TitleEN,
		t.Description, t.Source)
}

// AddDirective queues a directive.
func (w *Writer) AddDirective(d *models.Directive) error {
	return w.add(bulkDirectives, int64(d.ID), int64(d.PlanID), int64(d.ThemeID), d.Pillar, d.Title, d.Description,
		d.Deliverable, dayArg(d.DueOn), idArg(d.TargetID), d.Source, idArg(d.CreatedByID), d.CreatedAt, d.UpdatedAt, d.SearchKey)
}

// AddAssignment queues an assignment, in its final state: inserted once,
// so that triggers on assignments see each row once.
func (w *Writer) AddAssignment(a *models.Assignment) error {
	return w.add(bulkAssignments, int64(a.ID), int64(a.DirectiveID), int64(a.AgencyID), a.OwnerName, a.OwnerEmail,
		string(a.Status), int64(a.Progress), dayArg(a.DueOn), dayArg(a.OriginalDue), dayArg(a.CreatedDue), dayArg(a.SubmittedOn), dayArg(a.CompletedOn),
		a.EvidenceRef, dayArg(a.EvidenceDate), a.EvidenceURL, a.CreatedAt, a.UpdatedAt, int64(a.Version))
}

// AddUpdate queues a history row.
func (w *Writer) AddUpdate(u *models.Update) error {
	return w.add(bulkUpdates, int64(u.ID), int64(u.AssignmentID), idArg(u.UserID), u.At, string(u.FromStatus),
		string(u.ToStatus), int64(u.Progress), u.Note, u.OwnerName, u.OwnerEmail, u.EvidenceRef, dayArg(u.EvidenceDate),
		u.EvidenceURL, dayArg(u.DueOn), int64(u.Version))
}

// AddExtension queues an extension request.
func (w *Writer) AddExtension(e *models.Extension) error {
	return w.add(bulkExtensions, int64(e.ID), int64(e.AssignmentID), int64(e.RequestedByID), e.RequestedAt,
		dayArg(e.CurrentDue), dayArg(e.NewDue), e.Reason, e.Status, idArg(e.DecidedByID), timeArg(e.DecidedAt), e.DecisionNote)
}

// AddExplanation queues an explanation request.
func (w *Writer) AddExplanation(e *models.ExplanationRequest) error {
	return w.add(bulkExplanations, int64(e.ID), int64(e.AssignmentID), dayArg(e.DueOn), e.RequestedAt, e.Answer,
		timeArg(e.AnsweredAt), idArg(e.AnsweredByID), timeArg(e.ClosedAt))
}

// AddOutbox queues an outbox message.
func (w *Writer) AddOutbox(m *models.OutboxMessage) error {
	return w.add(bulkOutbox, int64(m.ID), m.Recipients, m.RecipientName, m.Lang, m.Subject, m.BodyText, m.BodyHTML,
		m.Status, int64(m.Attempts), m.LastError, m.NextAttemptAt, timeArg(m.LockedUntil), m.CreatedAt, timeArg(m.SentAt))
}

// AddReminderLog queues a reminder-log row.
func (w *Writer) AddReminderLog(r *models.ReminderLog) error {
	return w.add(bulkReminderLogs, int64(r.ID), r.Key, string(r.Rule), int64(r.Level), idArg(r.AssignmentID), r.Recipient,
		idArg(r.OutboxID), r.PassAt)
}
