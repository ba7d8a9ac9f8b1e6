package views

import (
	"html/template"
	"net/url"
	"strings"
)

// ExportLinks are the downloads of what a page shows, as a sheet and as CSV.
type ExportLinks struct {
	XLSX, CSV template.URL
}

// ExportLinksOf are the downloads under /export/{what} with query q.
func ExportLinksOf(what string, q url.Values) ExportLinks {
	link := func(format string) template.URL {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("format", format)
		return template.URL("/export/" + what + "?" + v.Encode())
	}
	return ExportLinks{XLSX: link("xlsx"), CSV: link("csv")}
}

// Exports are the downloads of the page's view: its own query (its filters
// and as-of day; paging left out, since a download holds every row) with
// the view's ids given as pairs in kv.
func (p *Page) Exports(what string, kv ...string) ExportLinks {
	q := url.Values{}
	if _, query, ok := strings.Cut(p.Path, "?"); ok {
		q, _ = url.ParseQuery(query) // a bad query downloads what it could read
	}
	for _, paging := range []string{"page", "per_page", "cols", "format"} {
		q.Del(paging)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return ExportLinksOf(what, q)
}
