// Package views holds the html/template pages, partials and translations,
// embedded in the binary and parsed once at start-up.
package views

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"sort"
	"time"

	"roviec/models"
	"roviec/static"
)

//go:embed templates locales
var files embed.FS

// pageNames are the pages; each is templates/pages/<name>.html and defines
// "content" (and, for some, htmx fragments as further named blocks).
func pageNames() []string {
	return []string{"login", "error", "plans", "plan", "plan_form", "theme", "theme_form",
		"agencies", "agency", "agency_form", "directives", "directive", "directive_form",
		"assignment", "users", "extensions", "explanations", "holidays", "reminder_settings", "outbox",
		"outbox_message", "reminder_log", "audit", "scoreboard", "league", "matrix", "webhooks", "webhook", "public", "public_scoreboard",
		"targets", "target", "theme_progress", "account_password", "password_forgot", "password_set", "work", "review",
		"notifications", "notification_prefs", "import", "report", "packs", "pack", "urge_letter",
		"account_tokens", "api_docs", "agency_merge"}
}

// Page is what every page template receives.
type Page struct {
	Title  string
	User   *models.User
	CSRF   string
	Flash  string
	Alert  string // a page-level error, e.g. a refused transition (409)
	Lang   string
	Demo   bool
	Nav    string // the navigation entry to mark as current
	Path   string // the request URI, to come back to after switching language
	Loc    *time.Location
	Data   any
	Errors map[string]string // field -> message, for 422 re-renders
	// ErrorOrder is the order the invalid fields were found in (the form's):
	// the summary lists them so and the first gets the focus.
	ErrorOrder []string
	Values     url.Values         // form values, the user's input on a re-render
	Stale      []StaleField       // a form refused as stale (409): the user's input beside the values now
	Queues     models.QueueCounts // what waits for the committee, for the menu of those who review
	Unread     int64              // the signed-in user's unread notifications (the bell)
	// Keep is the as-of day and kind of agency the user chose (valid ones
	// only): links between the committee's pages carry them (Travel).
	Keep url.Values
	// PrintedAt is the moment the page was made, for the title block of its
	// printed copy.
	PrintedAt time.Time
}

// PrintAsOf is the day a printed page's figures count up to: the as-of day
// the user chose, else the day it was printed.
func (p *Page) PrintAsOf() models.Day {
	if d := p.KeptAsOf(); !d.IsZero() {
		return d
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	return models.DayOf(p.PrintedAt, loc)
}

// KeptAsOf is the as-of day the user chose (zero when none): pages that
// show today's state say which day the pages they link to count up to.
func (p *Page) KeptAsOf() models.Day { return models.Day(p.Keep.Get("as_of")) }

// Travel is the query that carries the chosen as-of day and kind to the next
// page, after sep ("?" or "&"), or nothing when none was chosen. It is a URL
// (not a string) so that html/template normalises it in a query instead of
// escaping its "=" and "&".
func (p *Page) Travel(sep string) template.URL {
	if len(p.Keep) == 0 {
		return ""
	}
	return template.URL(sep + p.Keep.Encode())
}

// StaleField is one field of a form refused because the record changed since
// it was read: what the user sent and what the record holds now.
type StaleField struct {
	Label string // the message id of the field's label
	Yours string
	Now   string
}

// V is the form value of a field.
func (p *Page) V(name string) string { return p.Values.Get(name) }

// Err is the message for an invalid field, or "".
func (p *Page) Err(name string) string { return p.Errors[name] }

// FieldError is one line of a form's error summary.
type FieldError struct{ Field, Msg string }

// ErrorList is every message of a refused submit, in ErrorOrder, then any
// field it does not name in alphabetical order.
func (p *Page) ErrorList() []FieldError {
	out := make([]FieldError, 0, len(p.Errors))
	seen := map[string]bool{}
	for _, f := range p.ErrorOrder {
		if m, ok := p.Errors[f]; ok && !seen[f] {
			out = append(out, FieldError{f, m})
			seen[f] = true
		}
	}
	rest := make([]string, 0, len(p.Errors))
	for f := range p.Errors {
		if !seen[f] {
			rest = append(rest, f)
		}
	}
	sort.Strings(rest)
	for _, f := range rest {
		out = append(out, FieldError{f, p.Errors[f]})
	}
	return out
}

// Focus reports whether name is the summary's first invalid field: the one
// a re-rendered form puts the focus on (autofocus), so a phone scrolls to it.
func (p *Page) Focus(name string) bool {
	list := p.ErrorList()
	return len(list) > 0 && list[0].Field == name
}

// Has reports whether the multi-valued field name holds value.
func (p *Page) Has(name, value string) bool {
	for _, v := range p.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// May says what the user may do anywhere (actions that do not depend on an
// agency), so templates show only usable links: {{if .May.ManageUsers}}. A
// misspelt permission fails when the page renders instead of hiding a link.
func (p *Page) May() models.Permissions { return models.PermissionsOf(p.User) }

// Renderer renders pages: one parsed template set per page and language.
type Renderer struct {
	tr    *translator
	pages map[string]map[string]*template.Template // lang -> page -> template
}

// New parses every template; it fails fast when one is missing or broken,
// or when a template asks for a message the locale files do not have.
func New() (*Renderer, error) {
	tr, err := loadTranslations(files)
	if err != nil {
		return nil, err
	}
	versions, err := static.Versions()
	if err != nil {
		return nil, err
	}
	sources := map[string]string{}
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(files, name)
		sources[name] = string(b)
		return string(b), err
	}
	base := []string{"templates/layout.html", "templates/partials.html"}
	for _, name := range base {
		if _, err := read(name); err != nil {
			return nil, err
		}
	}
	r := &Renderer{tr: tr, pages: map[string]map[string]*template.Template{}}
	for _, lang := range []string{LangVI, LangEN} {
		root := template.New("root").Funcs(funcs(tr, lang, versions))
		for _, name := range base {
			if _, err := root.New(name).Parse(sources[name]); err != nil {
				return nil, err
			}
		}
		r.pages[lang] = map[string]*template.Template{}
		for _, page := range pageNames() {
			name := "templates/pages/" + page + ".html"
			src, err := read(name)
			if err != nil {
				return nil, fmt.Errorf("page %s: %w", page, err)
			}
			t, err := root.Clone()
			if err != nil {
				return nil, err
			}
			if _, err := t.New(name).Parse(src); err != nil {
				return nil, err
			}
			if t.Lookup("content") == nil {
				return nil, fmt.Errorf("%s does not define \"content\"", name)
			}
			r.pages[lang][page] = t
		}
	}
	if err := tr.checkKeys(sources); err != nil {
		return nil, err
	}
	return r, nil
}

// Render writes the whole page name (layout and content).
func (r *Renderer) Render(w io.Writer, name string, p *Page) error {
	return r.Fragment(w, name, "layout", p)
}

// Fragment writes one named block of page name, e.g. the board of the theme
// page for an htmx swap.
func (r *Renderer) Fragment(w io.Writer, name, block string, p *Page) error {
	lang := p.Lang
	if !IsLanguage(lang) {
		lang = LangVI
	}
	t, ok := r.pages[lang][name]
	if !ok {
		return fmt.Errorf("no page %q", name)
	}
	return t.ExecuteTemplate(w, block, p)
}

// T translates a message id for handlers (titles, flash messages).
func (r *Renderer) T(lang, id string, args ...any) string {
	return r.tr.translate(lang, id, args...)
}
