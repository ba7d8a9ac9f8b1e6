package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// assignmentJSON is one agency's copy of a directive, with its derived
// timeliness and clarity, as the API shows it.
type assignmentJSON struct {
	ID             uint               `json:"id"`
	DirectiveID    uint               `json:"directive_id"`
	DirectiveTitle string             `json:"directive_title"`
	ThemeID        uint               `json:"theme_id"`
	AgencyCode     string             `json:"agency_code"`
	AgencyName     string             `json:"agency_name"`
	AgencyKind     models.AgencyKind  `json:"agency_kind"`
	Status         models.Status      `json:"status"`
	Progress       int                `json:"progress"`
	DueDate        *string            `json:"due_date"`
	OriginalDue    *string            `json:"original_due_date"` // the deadline before an approved extension, or null
	SubmittedDate  *string            `json:"submitted_date"`
	CompletedDate  *string            `json:"completed_date"`
	Timeliness     *models.Timeliness `json:"timeliness"` // null for a cancelled assignment
	DueSoon        bool               `json:"due_soon"`
	DaysOverdue    int                `json:"days_overdue"`
	WithinExt      bool               `json:"within_extension"` // done on time only thanks to an approved extension
	Clear          bool               `json:"clear"`
	Missing        []string           `json:"missing"`
	OwnerName      string             `json:"owner_name"`
	OwnerEmail     string             `json:"owner_email"`
	EvidenceRef    string             `json:"evidence_ref"`
	EvidenceDate   *string            `json:"evidence_date"`
	EvidenceURL    string             `json:"evidence_url"`
	UpdatedAt      string             `json:"updated_at"`
	Version        int                `json:"version"` // as in the ETag; send it back (If-Match or "version") to refuse a stale change
}

// updateJSON is one row of an assignment's history.
type updateJSON struct {
	At          string        `json:"at"`
	UserName    string        `json:"user_name"`
	FromStatus  models.Status `json:"from_status"`
	ToStatus    models.Status `json:"to_status"`
	Progress    int           `json:"progress"`
	Note        string        `json:"note"`
	EvidenceRef string        `json:"evidence_ref"`
	EvidenceURL string        `json:"evidence_url"`
	// FileEvent and File say which evidence file the row attached or
	// removed (absent in other rows); the file's content is at its URL for
	// those who may read it.
	FileEvent models.FileEvent `json:"file_event,omitempty"`
	File      *historyFileJSON `json:"file,omitempty"`
}

// historyFileJSON names a file in a history row.
type historyFileJSON struct {
	ID   uint   `json:"id"`
	Name string `json:"name"`
	Size int64  `json:"size"`
	URL  string `json:"url"`
}

// assignmentDetailJSON is an assignment with its history, oldest first.
type assignmentDetailJSON struct {
	assignmentJSON
	History []updateJSON `json:"history"`
}

// toAssignmentJSON needs the assignment's Directive and Agency loaded.
func (h *Handler) toAssignmentJSON(a *models.Assignment) assignmentJSON {
	info := models.ClassifyTimeliness(a, h.Now(), h.Store.Location())
	clarity := models.AssessClarity(a, a.Directive)
	out := assignmentJSON{ID: a.ID, DirectiveID: a.DirectiveID, Status: a.Status, Progress: a.Progress,
		DueDate: dayJSON(a.DueOn), OriginalDue: dayJSON(a.OriginalDue), WithinExt: info.WithinExtension, SubmittedDate: dayJSON(a.SubmittedOn), CompletedDate: dayJSON(a.CompletedOn),
		DueSoon: info.DueSoon, DaysOverdue: info.DaysOverdue, Clear: clarity.Clear, Missing: clarity.Missing,
		OwnerName: a.OwnerName, OwnerEmail: a.OwnerEmail, EvidenceRef: a.EvidenceRef,
		EvidenceDate: dayJSON(a.EvidenceDate), EvidenceURL: a.EvidenceURL, UpdatedAt: h.timeJSON(a.UpdatedAt), Version: a.Version}
	if info.Class != "" {
		out.Timeliness = &info.Class
	}
	if a.Directive != nil {
		out.DirectiveTitle, out.ThemeID = a.Directive.Title, a.Directive.ThemeID
	}
	if a.Agency != nil {
		out.AgencyCode, out.AgencyName, out.AgencyKind = a.Agency.Code, a.Agency.Name, a.Agency.Kind
	}
	return out
}

// assignmentPatchRequest is the body of PATCH /api/v1/assignments/{id};
// absent (or null) fields stay as they are.
type assignmentPatchRequest struct {
	Status       *models.Status `json:"status"`
	Progress     *int           `json:"progress"`
	Note         string         `json:"note"`
	OwnerName    *string        `json:"owner_name"`
	OwnerEmail   *string        `json:"owner_email"`
	EvidenceRef  *string        `json:"evidence_ref"`
	EvidenceDate *string        `json:"evidence_date"`
	EvidenceURL  *string        `json:"evidence_url"`
	DueDate      *string        `json:"due_date"`
	Version      *int           `json:"version"` // the version the change was made on (or If-Match); absent: apply to the current one
}

// apiListAssignments lists assignments, paginated (100 per page by default),
// filtered by plan_id, theme_id, directive_id, agency_code, agency_kind,
// status and timeliness. An unknown agency code or status or timeliness
// value is a 422 naming the parameter; unknown numeric ids simply match
// nothing.
func (h *Handler) ListAssignments(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.AssignmentFilterParam(c)
	if err != nil {
		return err
	}
	list, total, err := h.Store.ListAssignments(ctx, f, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pageOf(list, h.toAssignmentJSON, total, f.Page))
}

// apiShowAssignment shows an assignment with its history.
func (h *Handler) ShowAssignment(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	a, err := h.Store.AssignmentByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	hist, err := h.Store.History(c.Request().Context(), a.ID)
	if err != nil {
		return err
	}
	return h.renderAssignment(c, a, hist)
}

// apiUpdateAssignment reports on or reviews an assignment. The store checks
// the workflow: a refused move is a 403 (e.g. a focal point accepting their
// own submission), a bad value a 422, an illegal transition a 409. A change
// that names the version it was made on (If-Match or "version") is refused
// with a 409 when the assignment has changed since, the fields saying who
// changed what; the API does not merge: its client decides.
func (h *Handler) UpdateAssignment(c echo.Context) error {
	a, err := h.AssignmentToChange(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var in assignmentPatchRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	version, err := web.RequestVersion(c, in.Version)
	if err != nil {
		return err
	}
	a, hist, err := h.Store.UpdateAssignmentWithHistory(ctx, web.CurrentUser(c), a, models.AssignmentChange{Status: in.Status,
		Progress: in.Progress, Note: in.Note, OwnerName: in.OwnerName, OwnerEmail: in.OwnerEmail,
		EvidenceRef: in.EvidenceRef, EvidenceDate: in.EvidenceDate, EvidenceURL: in.EvidenceURL,
		DueDate: in.DueDate, Version: version}, h.Now())
	if err != nil {
		return err
	}
	return h.renderAssignment(c, a, hist)
}

// renderAssignment answers with an assignment and its history.
func (h *Handler) renderAssignment(c echo.Context, a *models.Assignment, hist []models.Update) error {
	out := assignmentDetailJSON{assignmentJSON: h.toAssignmentJSON(a), History: make([]updateJSON, len(hist))}
	web.SetETag(c, a.Version)
	for i, u := range hist {
		out.History[i] = updateJSON{At: h.timeJSON(u.At), FromStatus: u.FromStatus, ToStatus: u.ToStatus,
			Progress: u.Progress, Note: u.Note, EvidenceRef: u.EvidenceRef, EvidenceURL: u.EvidenceURL}
		if u.User != nil {
			out.History[i].UserName = u.User.Name
		}
		if f := u.File; f != nil {
			out.History[i].FileEvent = u.FileEvent
			out.History[i].File = &historyFileJSON{ID: f.ID, Name: f.Name, Size: f.Size, URL: "/api/v1/files/" + strconv.Itoa(int(f.ID))}
		}
	}
	return c.JSON(http.StatusOK, out)
}
