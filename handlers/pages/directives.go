package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// directivePageSize is how many directives the directive list shows at once.
const directivePageSize = 50

// directiveRow is a directive in the list with its "done / assigned" tallies.
type directiveRow struct {
	D                     models.Directive
	Ministries, Provinces models.KindTally
}

// directiveList is the data of the directive list.
type directiveList struct {
	Plan   *models.Plan
	Plans  []models.Plan
	Themes []models.Theme
	Rows   []directiveRow
	Total  int64
	Pager  web.Pager
}

// ListDirectives lists a plan's directives, filtered by theme and a search
// text (q); htmx searches get only the list fragment.
func (h *Handler) ListDirectives(c echo.Context) error {
	ctx := c.Request().Context()
	plans, err := h.Store.ListPlans(ctx)
	if err != nil {
		return err
	}
	v := directiveList{Plans: plans}
	if v.Plan, err = h.choosePlan(c, plans); err != nil {
		return err
	}
	if v.Plan != nil {
		if v.Themes, err = h.Store.ListThemes(ctx, v.Plan.ID); err != nil {
			return err
		}
		themeID, _ := strconv.ParseUint(c.QueryParam("theme_id"), 10, 63)
		f := store.DirectiveFilter{PlanID: v.Plan.ID, ThemeID: uint(themeID), Query: c.QueryParam("q"),
			Page: store.Page{Page: web.PageParam(c), PerPage: directivePageSize}}
		list, total, err := h.Store.ListDirectives(ctx, f)
		if err != nil {
			return err
		}
		ids := make([]uint, len(list))
		for i := range list {
			ids[i] = list[i].ID
		}
		tallies, err := h.Store.DirectiveTallies(ctx, ids)
		if err != nil {
			return err
		}
		for _, d := range list {
			v.Rows = append(v.Rows, directiveRow{D: d, Ministries: tallies[d.ID][models.KindMinistry],
				Provinces: tallies[d.ID][models.KindProvince]})
		}
		v.Total, v.Pager = total, web.NewPager(c, f.Page.Page, directivePageSize, total)
	}
	p := h.Page(c, h.T(c, "directives.title"), v)
	p.Nav = "directives"
	p.Values = c.QueryParams()
	if web.IsHTMX(c) && c.Request().Header.Get("HX-Target") == "directive-list" {
		return h.Fragment(c, "directives", "list", p)
	}
	return h.Render(c, http.StatusOK, "directives", p)
}

// kindCards is a directive's assignments for one kind of agency.
type kindCards struct {
	Kind  models.AgencyKind
	Tally models.KindTally
	Cards []card
}

// directiveView is the data of the directive page.
type directiveView struct {
	D     *models.Directive
	Kinds []kindCards
}

// ShowDirective is a directive with its assignments per agency, and how many
// ministries and provinces are done ("x/30; y/63").
func (h *Handler) ShowDirective(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	d, err := h.Store.DirectiveByID(ctx, id)
	if err != nil {
		return err
	}
	list, _, err := h.Store.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: id,
		Page: store.Page{PerPage: 500}}, h.Now())
	if err != nil {
		return err
	}
	tallies, err := h.Store.DirectiveTallies(ctx, []uint{id})
	if err != nil {
		return err
	}
	models.SortAssignmentsByAgency(list)
	v := directiveView{D: d}
	for _, k := range models.AgencyKinds {
		group := kindCards{Kind: k, Tally: tallies[id][k]}
		for i := range list {
			if list[i].Agency != nil && list[i].Agency.Kind == k {
				group.Cards = append(group.Cards, h.newCard(&list[i]))
			}
		}
		if len(group.Cards) > 0 {
			v.Kinds = append(v.Kinds, group)
		}
	}
	p := h.Page(c, d.Title, v)
	p.Nav = "directives"
	return h.Render(c, http.StatusOK, "directive", p)
}

// directiveInput reads the directive form.
func directiveInput(form url.Values) models.DirectiveInput {
	themeID, _ := strconv.ParseUint(form.Get("theme_id"), 10, 63)
	in := models.DirectiveInput{ThemeID: uint(themeID), Pillar: form.Get("pillar"), Title: form.Get("title"),
		Description: form.Get("description"), Deliverable: form.Get("deliverable"),
		DueDate: strings.TrimSpace(form.Get("due_date")), TargetCode: form.Get("target_code"),
		Source: form.Get("source"), AskPastDue: form.Get("confirm_past") == ""}
	switch form.Get("scope") {
	case "all":
		in.AgencyKinds = models.AgencyKinds
	case "ministries":
		in.AgencyKinds = []models.AgencyKind{models.KindMinistry}
	case "provinces":
		in.AgencyKinds = []models.AgencyKind{models.KindProvince}
	default:
		in.AgencyCodes = form["agency"]
	}
	return in
}

// CreateDirective issues a directive to the chosen agencies (one transaction).
func (h *Handler) CreateDirective(c echo.Context) error {
	if err := web.Authorize(c, models.ActWriteDirective, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	in := directiveInput(form)
	d, list, err := h.Store.CreateDirective(c.Request().Context(), in, web.CurrentUser(c), h.Now())
	if err != nil {
		p, perr := h.directiveFormPage(c, &models.Directive{ThemeID: in.ThemeID})
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "directive_form", p, form)
	}
	return h.RedirectFlash(c, "/directives/"+strconv.Itoa(int(d.ID)), "flash.directive_created", len(list))
}

// UpdateDirective saves the directive form (its agencies stay as they are).
func (h *Handler) UpdateDirective(c echo.Context) error {
	d, err := h.directiveToEdit(c)
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	in := directiveInput(form)
	in.Version = web.FormVersion(form)
	if _, err := h.Store.UpdateDirective(c.Request().Context(), web.CurrentUser(c), d.ID, in, h.Now()); err != nil {
		p, perr := h.directiveFormPage(c, d)
		if perr != nil {
			return perr
		}
		now := url.Values{"title": {d.Title}, "description": {d.Description}, "deliverable": {d.Deliverable},
			"due_date": {d.DueOn.VN()}, "source": {d.Source}, "pillar": {d.Pillar}}
		return h.StaleForm(c, err, "directive_form", p, form, now, "field.", "title", "pillar", "description", "deliverable", "due_date", "source")
	}
	return h.RedirectFlash(c, "/directives/"+strconv.Itoa(int(d.ID)), "flash.directive_saved")
}
