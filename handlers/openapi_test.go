package handlers_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestOpenAPIDescribesEveryRoute holds /api/v1/openapi.json to the router:
// every registered API route is described, and every described route is
// registered, with the same method and path parameters.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	e := newEnv(t)
	rec := e.do("GET", "/api/v1/openapi.json", "", nil)
	expectStatus(t, rec, http.StatusOK)
	var doc struct {
		OpenAPI string                            `json:"openapi"`
		Paths   map[string]map[string]interface{} `json:"paths"`
	}
	decode(t, rec, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	described := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	registered := map[string]bool{}
	for _, rt := range e.app.Echo.Routes() {
		path, ok := strings.CutPrefix(rt.Path, "/api/v1")
		if !ok || path == "/*" || rt.Method == echo.RouteNotFound {
			continue
		}
		registered[rt.Method+" "+param.ReplaceAllString(path, "{$1}")] = true
	}
	var missing, stale []string
	for r := range registered {
		if !described[r] {
			missing = append(missing, r)
		}
	}
	for r := range described {
		if !registered[r] {
			stale = append(stale, r)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 || len(stale) > 0 {
		t.Fatalf("routes not described: %v\ndescribed routes not registered: %v", missing, stale)
	}
	if len(registered) < 50 {
		t.Fatalf("only %d API routes", len(registered))
	}
}

// TestAPIDocsPage draws every operation of the description on a page that
// anyone may read, with no script.
func TestAPIDocsPage(t *testing.T) {
	e := newEnv(t)
	rec := newBrowser(e).get("/api/docs")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Tài liệu API", "POST /me/tokens", "DELETE /me/tokens/{id}", "GET /me/calendar", "expires_at",
		"PATCH /assignments/{id}", `href="/api/v1/openapi.json"`)
	if n := strings.Count(rec.Body.String(), `class="panel api-op"`); n < 50 {
		t.Errorf("%d operations on the page", n)
	}
}
