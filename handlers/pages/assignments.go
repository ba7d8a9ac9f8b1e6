package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/notify"
	"roviec/views"
)

// assignmentView is the data of the assignment page.
type assignmentView struct {
	card
	deadlineView                 // extension and explanation requests (page_extensions.go)
	Timeline     []timelineEntry // the history and the discussion, in order
	CanComment   bool            // the agency and the committee take part in the discussion
	CanUpdate    bool            // the update form is shown
	CanReview    bool            // accept, return, cancel and the due date are shown
	Statuses     []models.Status // the statuses the update form offers
	CanReadFiles bool            // the evidence files are listed and linked
	Files        []models.EvidenceFile
	MaxFileSize  string // the upload form's limit and types, as its hint says them
	FileTypes    string
}

// ShowAssignment is an assignment's details, history and update form; the
// reader's notifications of it count as read.
func (h *Handler) ShowAssignment(c echo.Context) error {
	p, a, err := h.assignmentPage(c)
	if err != nil {
		return err
	}
	if err := h.Store.MarkAssignmentRead(c.Request().Context(), p.User.ID, a.ID, h.Now()); err != nil {
		return err
	}
	if p.Unread, err = h.Store.UnreadCount(c.Request().Context(), p.User.ID); err != nil {
		return err
	}
	p.Values = assignmentValues(a)
	return h.Render(c, http.StatusOK, "assignment", p)
}

// timelineEntry is a row of the assignment's history or a comment of its
// discussion; Editable says the reader may still edit their own comment.
type timelineEntry struct {
	Update   *models.Update
	Comment  *notify.Comment
	Editable bool
}

// timeline merges the history and the comments by time (both come oldest first).
func timeline(history []models.Update, comments []notify.Comment, u *models.User, now time.Time) []timelineEntry {
	out := make([]timelineEntry, 0, len(history)+len(comments))
	i, j := 0, 0
	for i < len(history) || j < len(comments) {
		if j == len(comments) || (i < len(history) && !history[i].At.After(comments[j].CreatedAt)) {
			out = append(out, timelineEntry{Update: &history[i]})
			i++
			continue
		}
		c := &comments[j]
		out = append(out, timelineEntry{Comment: c, Editable: u != nil && u.Active && c.Editable(u.ID, now)})
		j++
	}
	return out
}

// assignmentValues are the update form's values for the assignment as it is.
func assignmentValues(a *models.Assignment) url.Values {
	return url.Values{"status": {string(a.Status)}, "progress": {strconv.Itoa(a.Progress)}, "owner_name": {a.OwnerName},
		"owner_email": {a.OwnerEmail}, "evidence_ref": {a.EvidenceRef}, "evidence_date": {a.EvidenceDate.VN()},
		"evidence_url": {a.EvidenceURL}, "due_date": {a.DueOn.VN()}, "version": {strconv.Itoa(a.Version)}}
}

// assignmentFormFields are the update form's fields, in its order: those a
// stale save shows beside the values now.
var assignmentFormFields = []string{"status", "progress", "owner_name", "owner_email", "evidence_ref", "evidence_date",
	"evidence_url", "due_date"}

// assignmentPage loads the assignment of :id and builds its page.
func (h *Handler) assignmentPage(c echo.Context) (*views.Page, *models.Assignment, error) {
	ctx := c.Request().Context()
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, nil, err
	}
	a, err := h.Store.AssignmentByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	history, err := h.Store.History(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	u := web.CurrentUser(c)
	deadlines, err := h.deadlineFacts(ctx, a, u)
	if err != nil {
		return nil, nil, err
	}
	comments, err := h.Store.Comments(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	v := assignmentView{card: h.newCard(a), deadlineView: deadlines, Timeline: timeline(history, comments, u, h.Now()),
		CanComment: models.Can(u, models.ActUpdateAssignment, a.AgencyID) || models.Can(u, models.ActReview, a.AgencyID),
		CanUpdate:  models.IsOpen(a.Status) && models.Can(u, models.ActUpdateAssignment, a.AgencyID),
		CanReview:  models.IsOpen(a.Status) && models.Can(u, models.ActReview, a.AgencyID)}
	v.CanReadFiles = models.Can(u, models.ActReadEvidence, a.AgencyID)
	v.MaxFileSize, v.FileTypes = models.MaxEvidenceSizeText, models.AcceptedFileTypes
	if v.CanReadFiles {
		if v.Files, err = h.Store.Files(ctx, a.ID); err != nil {
			return nil, nil, err
		}
	}
	// The form offers the reporting statuses; a submitted one keeps its own.
	v.Statuses = []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	title := a.Directive.Title
	if a.Agency != nil {
		title = a.Agency.Name + ": " + title
	}
	p := h.Page(c, title, v)
	return p, a, nil
}

// UpdateAssignment applies the update form (or a reviewer's accept, return
// or cancel). Invalid values re-render the form with 422, an illegal
// transition with 409; success redirects with a flash message.
func (h *Handler) UpdateAssignment(c echo.Context) error {
	p, a, err := h.assignmentPage(c)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActUpdateAssignment, a.AgencyID); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	ch, err := h.assignmentChange(c, form, a)
	if err == nil {
		_, err = h.Store.UpdateAssignment(c.Request().Context(), web.CurrentUser(c), a, ch, h.Now())
	}
	if err != nil {
		if errors.Is(err, models.ErrForbidden) {
			return err
		}
		return h.assignmentRefused(c, err, p, form)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(a.ID)), "flash.assignment_saved")
}

// assignmentRefused re-renders the assignment page after a refused save:
// 422 and 409 with the input kept and, when the assignment changed since the
// form was read, the page as it is now (history, details) with the user's
// input beside the current values.
func (h *Handler) assignmentRefused(c echo.Context, err error, p *views.Page, form url.Values) error {
	var se *models.StaleError
	if !errors.As(err, &se) {
		return h.FormPage(c, err, "assignment", p, form)
	}
	p, a, perr := h.assignmentPage(c)
	if perr != nil {
		return perr
	}
	return h.StaleForm(c, err, "assignment", p, form, assignmentValues(a), "field.", assignmentFormFields...)
}

// assignmentChange reads the form into a change. The review buttons send
// action=accept|return|cancel; otherwise every field of the form is sent and
// a status left as it was lets the store start the work on progress > 0.
func (h *Handler) assignmentChange(c echo.Context, form url.Values, a *models.Assignment) (models.AssignmentChange, error) {
	// The form's version lets a stale form merge the user's own edits when
	// nobody touched those fields since; a review (accept, return, cancel)
	// judges the report as it was read, so any change since refuses it.
	ch := models.AssignmentChange{Note: form.Get("note"), Version: web.FormVersion(form), Merge: form.Get("action") == ""}
	status := func(s models.Status) *models.Status { return &s }
	switch form.Get("action") {
	case "accept":
		ch.Status = status(models.StatusDone)
		return ch, nil
	case "return":
		ch.Status = status(models.StatusInProgress)
		return ch, nil
	case "cancel":
		// Cancelling is final: the form asks to confirm it, besides the
		// reason the workflow requires; both are said at once.
		ch.Status = status(models.StatusCancelled)
		if form.Get("confirm_cancel") != "1" {
			v := &models.ValidationError{}
			v.Add("confirm_cancel", "err.cancel_confirm")
			if strings.TrimSpace(ch.Note) == "" {
				v.Add("note", "err.cancel_reason")
			}
			return ch, v
		}
		return ch, nil
	}
	field := func(name string) *string { v := strings.TrimSpace(form.Get(name)); return &v }
	if s := models.Status(form.Get("status")); s != "" && s != a.Status {
		ch.Status = &s
	}
	if s := strings.TrimSpace(form.Get("progress")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return ch, models.Invalid("progress", "err.progress_number")
		}
		ch.Progress = &n
	}
	ch.OwnerName, ch.OwnerEmail = field("owner_name"), field("owner_email")
	ch.EvidenceRef, ch.EvidenceURL = field("evidence_ref"), field("evidence_url")
	ch.EvidenceDate = field("evidence_date")
	if due := strings.TrimSpace(form.Get("due_date")); form.Has("due_date") && due != a.DueOn.VN() {
		ch.DueDate = &due
	}
	ch.AskPastDue = form.Get("confirm_past") == ""
	return ch, nil
}
