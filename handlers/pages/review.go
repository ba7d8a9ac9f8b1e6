package pages

import (
	"bytes"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// reviewRow is one submitted assignment of the review queue.
type reviewRow struct {
	models.Assignment
	DaysWaiting int                   // calendar days since the submission
	Files       []models.EvidenceFile // its evidence files, to open before accepting
}

// reviewOutcome is what the queue's bulk form did to one assignment.
type reviewOutcome struct {
	ID      uint
	Title   string
	Message string // why it was refused ("" when done)
}

// reviewView is the data of the review queue ("Chờ nghiệm thu").
type reviewView struct {
	Rows    []reviewRow
	Total   int64
	Pager   web.Pager
	Done    []reviewOutcome // the last bulk action's successes
	Refused []reviewOutcome // and refusals, each with its reason
}

// ShowReview is the committee's review queue: every submitted assignment
// across themes, oldest first, with its evidence, to accept or return one by
// one (in place) or several together.
func (h *Handler) ShowReview(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	pg := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	return h.renderReview(c, http.StatusOK, pg, nil, nil)
}

// renderReview shows page pg of the queue with a bulk action's results.
func (h *Handler) renderReview(c echo.Context, code int, pg store.Page, done, refused []reviewOutcome) error {
	list, total, err := h.Store.ReviewQueue(c.Request().Context(), pg)
	if err != nil {
		return err
	}
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	files, err := h.Store.FilesOf(c.Request().Context(), ids)
	if err != nil {
		return err
	}
	today := h.Today()
	v := reviewView{Total: total, Pager: web.NewPager(c, pg.Page, pg.PerPage, total), Done: done, Refused: refused}
	for _, a := range list {
		v.Rows = append(v.Rows, reviewRow{Assignment: a, DaysWaiting: a.SubmittedOn.DaysUntil(today), Files: files[a.ID]})
	}
	p := h.Page(c, h.T(c, "review.title"), v)
	p.Nav = "review"
	return h.Render(c, code, "review", p)
}

// ReviewOne accepts or returns (with a reason) one submitted assignment of
// the queue, on the version the queue showed. For htmx the card is replaced
// by a line saying what was done, or a refusal is shown in the card with its
// status; without JavaScript the queue is shown again.
func (h *Handler) ReviewOne(c echo.Context) error {
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	action := models.ReviewAction(form.Get("action"))
	if action != models.ReviewAccept && action != models.ReviewReturn {
		return web.HTTPError(http.StatusBadRequest, "err.bulk_action")
	}
	r := models.BulkRequest{IDs: []uint{id}, Action: action, Reason: form.Get("note")}
	err = r.Validate()
	var saved *models.Assignment
	if err == nil {
		saved, err = h.Store.AssignmentByID(c.Request().Context(), id)
	}
	if err == nil {
		saved, err = h.Store.UpdateAssignment(c.Request().Context(), web.CurrentUser(c), saved, r.Change(web.FormVersion(form)), h.Now())
	}
	if !web.IsHTMX(c) {
		if err != nil {
			code, _ := h.StatusOf(c, err)
			if code >= http.StatusInternalServerError || code == http.StatusNotFound {
				return err
			}
			return h.renderReview(c, code, store.Page{Page: 1, PerPage: 50}, nil,
				[]reviewOutcome{{ID: id, Message: h.refusal(c, err)}})
		}
		return h.RedirectFlash(c, "/review", "flash.review_"+string(action))
	}
	p := h.Page(c, "", saved)
	if err != nil {
		code, _ := h.StatusOf(c, err)
		if code >= http.StatusInternalServerError || code == http.StatusNotFound {
			return err
		}
		p.Alert = h.refusal(c, err)
		var buf bytes.Buffer
		if err := h.Views.Fragment(&buf, "review", "review-refused", p); err != nil {
			return err
		}
		c.Response().Header().Set("HX-Retarget", "#review-"+strconv.Itoa(int(id))+"-message")
		c.Response().Header().Set("HX-Reswap", "innerHTML")
		return c.HTMLBlob(code, buf.Bytes())
	}
	p.Flash = h.T(c, "flash.review_"+string(action))
	return h.Fragment(c, "review", "review-decided", p)
}

// ReviewSelected accepts or returns (one reason for all) the assignments
// selected in the queue, each on the version the queue showed and in its own
// transaction, and shows the queue again with what was done and what was
// refused, and why.
func (h *Handler) ReviewSelected(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	r := models.BulkRequest{Action: models.ReviewAction(form.Get("action")), Reason: form.Get("note")}
	versions := map[uint]int{}
	for _, s := range form["ids"] {
		id, err := web.ParseID(strings.TrimSpace(s))
		if err != nil {
			continue // not an id this page ever sends
		}
		r.IDs = append(r.IDs, id)
		versions[id] = web.FormVersion(map[string][]string{"version": form["version-"+s]})
	}
	if r.Action != models.ReviewAccept && r.Action != models.ReviewReturn {
		return web.HTTPError(http.StatusBadRequest, "err.bulk_action")
	}
	results, err := h.Store.BulkReview(c.Request().Context(), web.CurrentUser(c), r, versions, h.Now())
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.renderReview(c, http.StatusUnprocessableEntity, store.Page{Page: 1, PerPage: 50}, nil,
			[]reviewOutcome{{Message: h.refusal(c, err)}})
	}
	if err != nil {
		return err
	}
	var done, refused []reviewOutcome
	for _, res := range results {
		if res.Err != nil {
			code, _ := h.StatusOf(c, res.Err)
			if code >= http.StatusInternalServerError {
				return res.Err
			}
			refused = append(refused, reviewOutcome{ID: res.ID, Message: h.refusal(c, res.Err)})
			continue
		}
		done = append(done, reviewOutcome{ID: res.ID, Title: res.Assignment.Directive.Title})
	}
	return h.renderReview(c, http.StatusOK, store.Page{Page: 1, PerPage: 50}, done, refused)
}

// refusal is the message of a refused review: a validation error's field
// messages (e.g. the reason a return needs), else the error's message.
func (h *Handler) refusal(c echo.Context, err error) string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		fields := h.FieldsOf(c, err)
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		msgs := make([]string, len(keys))
		for i, k := range keys {
			msgs[i] = fields[k]
		}
		return strings.Join(msgs, " ")
	}
	_, msg := h.StatusOf(c, err)
	return msg
}
