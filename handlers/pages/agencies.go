package pages

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// ListAgencies lists the ministries and provinces in Vietnamese order,
// those matching the search text q (case and diacritics ignored) when given,
// of one ?kind= and only the active ones (?active=1) when asked.
func (h *Handler) ListAgencies(c echo.Context) error {
	f := store.AgencyFilter{Query: c.QueryParam("q"), ActiveOnly: c.QueryParam("active") == "1"}
	if k := models.AgencyKind(c.QueryParam("kind")); k.Valid() {
		f.Kind = k
	}
	ctx := c.Request().Context()
	list, err := h.Store.ListAgencies(ctx, f)
	if err != nil {
		return err
	}
	var v agenciesView
	if c.QueryParam("overdue") == "1" {
		if v.Overdue, err = h.Store.OverdueByAgency(ctx, h.Now()); err != nil {
			return err
		}
		late := list[:0]
		for _, a := range list {
			if v.Overdue[a.ID] > 0 {
				late = append(late, a)
			}
		}
		list = late
	}
	for _, g := range groupAgencies(list) {
		if len(g.Agencies) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	p := h.Page(c, h.T(c, "agencies.title"), v)
	p.Nav = "agencies"
	p.Values = c.QueryParams()
	return h.Render(c, http.StatusOK, "agencies", p)
}

// agenciesView is the data of the agencies page: the agencies by kind and,
// with ?overdue=1 (only the agencies with open overdue work), each one's
// count of it by id.
type agenciesView struct {
	Groups  []agencyGroup
	Overdue map[uint]int
}

// agencyOptionsLimit is how many agencies a type-ahead suggests at once.
const agencyOptionsLimit = 20

// AgencyOptions suggests, as a datalist fragment (htmx), the agencies whose
// code or name matches what was typed in an agency filter (?agency=) or the
// merge page's successor (?into=), so
// that a filter never lists thousands of agencies.
func (h *Handler) AgencyOptions(c echo.Context) error {
	var list []models.Agency
	q := c.QueryParam("agency")
	if q == "" {
		q = c.QueryParam("into") // the merge page's successor
	}
	if q != "" {
		var err error
		list, err = h.Store.ListAgencies(c.Request().Context(), store.AgencyFilter{Query: q, Limit: agencyOptionsLimit})
		if err != nil {
			return err
		}
	}
	return h.Fragment(c, "theme", "agency-options", h.Page(c, "", list))
}

// agencyFromFilter finds the agency an agency filter names: its exact code,
// else the only agency whose code or name matches the text. Nothing
// matching, or several: ErrNotFound.
func (h *Handler) agencyFromFilter(c echo.Context, text string) (*models.Agency, error) {
	ctx := c.Request().Context()
	if a, err := h.Store.AgencyByCode(ctx, text); err == nil || !errors.Is(err, models.ErrNotFound) {
		return a, err
	}
	list, err := h.Store.ListAgencies(ctx, store.AgencyFilter{Query: text, Limit: 2})
	if err != nil {
		return nil, err
	}
	if len(list) != 1 {
		return nil, models.ErrNotFound
	}
	return &list[0], nil
}

// themeCards is one theme's assignments of an agency: the open ones, and
// the finished ones (done, cancelled) that the page folds away.
type themeCards struct {
	Theme    models.Theme
	Open     []card
	Finished []card
}

// agencyView is the data of the agency page.
type agencyView struct {
	Agency      *models.Agency
	Plan        *models.Plan
	Plans       []models.Plan
	Overdue     []card // across themes, most days overdue first
	Themes      []themeCards
	Counts      map[models.Timeliness]int
	Classes     []models.Timeliness
	AllStatuses []models.Status
	Feed        *agencyFeed // nil: the user may not manage the agency's calendar feed
}

// agencyFeed is the agency's calendar feed as its page shows it to those
// who may manage it.
type agencyFeed struct {
	URL string // "" while the feed is off
}

// agencyPageLimit bounds the assignments an agency page reads: an agency
// holds a few dozen a year, so this is a guard, not a page size.
const agencyPageLimit = 500

// ShowAgency is an agency's assignments across a year: on top its overdue
// ones, most days overdue first, then the rest grouped by theme with the
// finished ones folded. ?status= and ?overdue=1 narrow the list.
func (h *Handler) ShowAgency(c echo.Context) error {
	ctx := c.Request().Context()
	agency, err := h.Store.AgencyByCode(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	plans, err := h.Store.ListPlans(ctx)
	if err != nil {
		return err
	}
	v := agencyView{Agency: agency, Plans: plans, Counts: map[models.Timeliness]int{},
		Classes: models.TimelinessClasses, AllStatuses: models.Statuses}
	v.Plan, err = h.choosePlan(c, plans)
	if err != nil {
		return err
	}
	if v.Feed, err = h.agencyFeedOf(c, agency); err != nil {
		return err
	}
	p := h.Page(c, agency.Name, &v)
	p.Nav = "agencies"
	f := store.AssignmentFilter{AgencyID: agency.ID, Page: store.Page{PerPage: agencyPageLimit}}
	if st := models.Status(c.QueryParam("status")); st.Valid() {
		f.Status = st
		p.Values.Set("status", string(st))
	}
	if c.QueryParam("overdue") == "1" {
		f.OverdueOnly = true
		p.Values.Set("overdue", "1")
	}
	if v.Plan != nil {
		f.PlanID = v.Plan.ID
		if err := h.agencyCards(c, &v, f); err != nil {
			return err
		}
	}
	return h.Render(c, http.StatusOK, "agency", p)
}

// agencyCards fills the agency page's cards from the assignments f selects.
func (h *Handler) agencyCards(c echo.Context, v *agencyView, f store.AssignmentFilter) error {
	ctx := c.Request().Context()
	themes, err := h.Store.ListThemes(ctx, v.Plan.ID)
	if err != nil {
		return err
	}
	list, _, err := h.Store.ListAssignments(ctx, f, h.Now())
	if err != nil {
		return err
	}
	for _, t := range themes {
		group := themeCards{Theme: t}
		for i := range list {
			if list[i].Directive == nil || list[i].Directive.ThemeID != t.ID {
				continue
			}
			cd := h.newCard(&list[i])
			v.Counts[cd.Timeliness.Class]++
			switch {
			case cd.Overdue:
				v.Overdue = append(v.Overdue, cd)
			case models.IsOpen(cd.A.Status):
				group.Open = append(group.Open, cd)
			default:
				group.Finished = append(group.Finished, cd)
			}
		}
		if len(group.Open)+len(group.Finished) > 0 {
			v.Themes = append(v.Themes, group)
		}
	}
	// Stable: equal days keep the plan's order of themes.
	sort.SliceStable(v.Overdue, func(i, j int) bool {
		return v.Overdue[i].Timeliness.DaysOverdue > v.Overdue[j].Timeliness.DaysOverdue
	})
	return nil
}

// choosePlan is the plan named by ?plan_id=, or the newest one (nil when
// there is no plan at all).
func (h *Handler) choosePlan(c echo.Context, plans []models.Plan) (*models.Plan, error) {
	if s := c.QueryParam("plan_id"); s != "" {
		id, err := web.ParseID(s)
		if err != nil {
			return nil, err
		}
		return h.Store.PlanByID(c.Request().Context(), id)
	}
	if len(plans) == 0 {
		return nil, nil
	}
	return &plans[0], nil
}

// EditAgency is the admin form of an agency.
func (h *Handler) EditAgency(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageAgencies, 0); err != nil {
		return err
	}
	agency, err := h.Store.AgencyByCode(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "agency.edit"), agency)
	p.Nav = "agencies"
	p.Values = url.Values{"name": {agency.Name}, "name_en": {agency.NameEN}, "leader_name": {agency.LeaderName},
		"leader_email": {agency.LeaderEmail}, "version": {strconv.Itoa(agency.Version)}}
	if agency.Active {
		p.Values.Set("active", "1")
	}
	return h.Render(c, http.StatusOK, "agency_form", p)
}

// UpdateAgency saves the agency form.
func (h *Handler) UpdateAgency(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageAgencies, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	agency, err := h.Store.AgencyByCode(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	str := func(name string) *string { v := form.Get(name); return &v }
	active := form.Get("active") == "1"
	patch := store.AgencyPatch{Name: str("name"), NameEN: str("name_en"), LeaderName: str("leader_name"),
		LeaderEmail: str("leader_email"), Active: &active, Version: web.FormVersion(form)}
	if _, err := h.Store.UpdateAgency(ctx, agency.Code, patch); err != nil {
		p := h.Page(c, h.T(c, "agency.edit"), agency)
		p.Nav = "agencies"
		now := url.Values{"name": {agency.Name}, "name_en": {agency.NameEN}, "leader_name": {agency.LeaderName},
			"leader_email": {agency.LeaderEmail}}
		return h.StaleForm(c, err, "agency_form", p, form, now, "field.", "name", "name_en", "leader_name", "leader_email")
	}
	return h.RedirectFlash(c, "/agencies/"+url.PathEscape(agency.Code), "flash.agency_saved")
}
