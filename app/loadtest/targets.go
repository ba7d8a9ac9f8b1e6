package loadtest

import (
	"fmt"
	"net/url"
)

// target is one URL that all clients request, one request after another,
// for the duration.
type target struct {
	name string             // the URL with its ids as placeholders, as the table shows it
	path func(n int) string // the path of a client's n-th request
}

// fixed is a target whose every request asks for the same path.
func fixed(name, path string) target {
	return target{name: name, path: func(int) string { return path }}
}

// readTargets are the pages and API reads a committee's users wait for, on
// the ids of w. The agency filter goes round every agency, so that no one
// agency's rows stay in a cache.
func readTargets(w world) []target {
	vn, iso := w.PastDay().Format("02/01/2006"), w.PastDay().Format("2006-01-02")
	plan := fmt.Sprintf("/plans/%d", w.PlanID)
	theme := fmt.Sprintf("/themes/%d", w.ThemeID)
	board := fmt.Sprintf("/directives/%d/scoreboard", w.DirectiveID)
	asOf := "?as_of=" + url.QueryEscape(vn)
	list := "/api/v1/assignments?per_page=100&"
	return []target{
		fixed("/plans/{id}", plan),
		fixed("/plans/{id}?as_of=dd/mm/yyyy", plan+asOf),
		fixed("/themes/{id}", theme),
		fixed("/directives/{id}/scoreboard", board),
		fixed("/directives/{id}/scoreboard?as_of=dd/mm/yyyy", board+asOf),
		fixed("/league", "/league"),
		fixed("/league?as_of=dd/mm/yyyy", "/league"+asOf),
		fixed("/themes/{id}/matrix", theme+"/matrix"),
		fixed("/api/v1/agencies/league", "/api/v1/agencies/league"),
		fixed(list+"theme_id={id}", fmt.Sprintf("%stheme_id=%d", list, w.ThemeID)),
		{name: list + "agency_code={code}", path: func(n int) string {
			return list + "agency_code=" + url.QueryEscape(w.AgencyCodes[n%len(w.AgencyCodes)])
		}},
		fixed(list+"directive_id={id}", fmt.Sprintf("%sdirective_id=%d", list, w.DirectiveID)),
		fixed(list+"status=in_progress", list+"status=in_progress"),
		fixed(list+"timeliness=open_overdue", list+"timeliness=open_overdue"),
		fixed("/api/v1/assignments?per_page=50", "/api/v1/assignments?per_page=50"),
		fixed("/api/v1/directives/{id}/scoreboard?as_of=YYYY-MM-DD", "/api/v1"+board+"?as_of="+iso),
	}
}
