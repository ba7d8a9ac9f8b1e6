package pages

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// mergeCandidatesLimit bounds the agencies the merge page offers at once:
// a search or a kind narrows them, so that a programme of thousands of
// agencies never shows thousands of checkboxes.
const mergeCandidatesLimit = 100

// mergeView is the data of the merge page, in one of its steps: choose the
// agencies and the successor, confirm what will move, see what moved.
type mergeView struct {
	Step       string // "choose", "confirm" or "done"
	Chosen     []models.Agency
	Candidates []models.Agency // active agencies of the kind and search, not chosen yet
	More       bool            // more agencies match than are offered
	Result     *models.MergeResult
}

// ShowMergeAgencies is the first step of a merger (admins): pick the
// agencies to merge from a list narrowed by kind and search, and the
// successor, an existing code or a new one with a name.
func (h *Handler) ShowMergeAgencies(c echo.Context) error {
	if err := web.Authorize(c, models.ActMergeAgencies, 0); err != nil {
		return err
	}
	form := url.Values{"kind": {string(models.KindProvince)}}
	p, err := h.mergeChoosePage(c, form)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "agency_merge", p)
}

// PreviewMergeAgencies runs the merger chosen, rolled back, and shows what
// it would move for the admin to confirm; a search (step=search) shows the
// first step again with the agencies picked so far kept, and a refused
// merger shows it with the reasons (422).
func (h *Handler) PreviewMergeAgencies(c echo.Context) error {
	if err := web.Authorize(c, models.ActMergeAgencies, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	if form.Get("step") == "search" {
		p, err := h.mergeChoosePage(c, form)
		if err != nil {
			return err
		}
		return h.Render(c, http.StatusOK, "agency_merge", p)
	}
	return h.runMerger(c, form, "confirm", h.Store.PreviewMerger)
}

// MergeAgencies merges the agencies confirmed and shows what moved.
func (h *Handler) MergeAgencies(c echo.Context) error {
	if err := web.Authorize(c, models.ActMergeAgencies, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	return h.runMerger(c, form, "done", h.Store.MergeAgencies)
}

// mergeFunc is the store's merger or its preview.
type mergeFunc = func(ctx context.Context, m models.Merger, actor *models.User, now time.Time) (*models.MergeResult, error)

// runMerger runs merge on the form's merger and renders step with its
// result, or the first step with the reasons it was refused.
func (h *Handler) runMerger(c echo.Context, form url.Values, step string, merge mergeFunc) error {
	m := mergerOf(form)
	res, err := merge(c.Request().Context(), m, web.CurrentUser(c), h.Now())
	if err != nil {
		p, perr := h.mergeChoosePage(c, form)
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "agency_merge", p, form)
	}
	chosen, err := h.chosenAgencies(c, m.From)
	if err != nil {
		return err
	}
	p := h.mergePage(c, &mergeView{Step: step, Chosen: chosen, Result: res})
	p.Values = form
	return h.Render(c, http.StatusOK, "agency_merge", p)
}

// mergerOf reads the merger a form describes.
func mergerOf(form url.Values) models.Merger {
	m := models.Merger{Into: form.Get("into"), From: form["from"], Name: form.Get("name")}
	m.Normalise()
	return m
}

// mergeChoosePage is the first step with the form's choices: the agencies
// picked (form "from"), then those of the kind and search not picked yet.
func (h *Handler) mergeChoosePage(c echo.Context, form url.Values) (*views.Page, error) {
	m := mergerOf(form)
	chosen, err := h.chosenAgencies(c, m.From)
	if err != nil {
		return nil, err
	}
	f := store.AgencyFilter{Query: strings.TrimSpace(form.Get("q")), ActiveOnly: true, Limit: mergeCandidatesLimit + len(chosen) + 1}
	if k := models.AgencyKind(form.Get("kind")); k.Valid() {
		f.Kind = k
	}
	list, err := h.Store.ListAgencies(c.Request().Context(), f)
	if err != nil {
		return nil, err
	}
	v := &mergeView{Step: "choose", Chosen: chosen}
	for _, a := range list {
		switch {
		case slices.Contains(m.From, a.Code):
		case len(v.Candidates) == mergeCandidatesLimit:
			v.More = true
		default:
			v.Candidates = append(v.Candidates, a)
		}
	}
	p := h.mergePage(c, v)
	p.Values = form
	return p, nil
}

// chosenAgencies loads the agencies of codes that exist, in their order (an
// unknown code is the store's to refuse, by name).
func (h *Handler) chosenAgencies(c echo.Context, codes []string) ([]models.Agency, error) {
	var out []models.Agency
	for _, code := range codes[:min(len(codes), models.MaxMergeFrom)] {
		a, err := h.Store.AgencyByCode(c.Request().Context(), code)
		if errors.Is(err, models.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, nil
}

// mergePage is the merge page around v.
func (h *Handler) mergePage(c echo.Context, v *mergeView) *views.Page {
	p := h.Page(c, h.T(c, "merge.title"), v)
	p.Nav = "agencies"
	return p
}
