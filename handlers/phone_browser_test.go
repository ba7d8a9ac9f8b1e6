package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/go-rod/rod/lib/input"

	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
)

// pageProblems lists what makes the page hard to use on a phone, by
// keyboard or without colour: a document wider than the screen (with the
// elements sticking out), form controls without a label, and badges
// (coloured statuses) without words.
const pageProblems = `() => {
	const out = [], width = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth > width) {
		out.push('scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width);
		document.querySelectorAll('body *').forEach(el => {
			const r = el.getBoundingClientRect();
			if (r.right > width + 1 && el.closest('.table-wrap, .columns') === null) {
				out.push('wide: <' + el.tagName.toLowerCase() + ' class="' + el.className + '"> right=' + Math.round(r.right));
			}
		});
	}
	document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(el => {
		if (el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) {
			out.push('no label: <' + el.tagName.toLowerCase() + ' name="' + el.name + '">');
		}
	});
	document.querySelectorAll('.badge').forEach(el => {
		if (el.textContent.trim() === '') out.push('badge without words: ' + el.className);
	});
	return out.slice(0, 15);
}`

// TestBrowserPhone: at 375 x 812 CSS pixels every main page fits the screen
// (tables and board columns scroll inside their own box), every form control
// has a label and every coloured badge has words; the skip link is the
// first thing the keyboard reaches, and it shows.
func TestBrowserPhone(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	if _, err := seed.SeedDemo(ctx, s.store, s.store.Location()); err != nil {
		t.Fatal(err)
	}
	a := s.pageAssignment("BTTTT")
	plan := a.Directive.Theme.PlanID
	phone := s.open(t, "phone", 375, 812)

	phone.visit("/login")
	phone.expectFits("login")
	phone.login("admin")
	phone.visit("/plans")
	if err := phone.page.Keyboard.Press(input.Tab); err != nil {
		t.Fatal(err)
	}
	skip := phone.eval(`() => { const el = document.activeElement, r = el.getBoundingClientRect();
		return {cls: el.className, visible: r.left >= 0 && r.top >= 0 && r.width > 0 && r.right <= innerWidth,
			outline: getComputedStyle(el).outlineStyle} }`).Value
	if skip.Get("cls").Str() != "skip" || !skip.Get("visible").Bool() || skip.Get("outline").Str() == "none" {
		t.Errorf("the first Tab should show the skip link with a focus outline; got %v", skip)
	}
	phone.shot("skip-link")
	if err := phone.page.Keyboard.Press(input.Enter); err != nil {
		t.Fatal(err)
	}
	if id := phone.eval(`() => document.activeElement.id`).Value.Str(); id != "main" {
		t.Errorf("the skip link should move the focus to the main content, not %q", id)
	}
	pages := []struct{ name, path string }{
		{"plans", "/plans"},
		{"year-overview", "/plans/" + itoa(plan)},
		{"theme-board", "/themes/" + itoa(a.Directive.ThemeID)},
		{"agencies", "/agencies"},
		{"agency", "/agencies/BTTTT"},
		{"directives", "/directives"},
		{"directive", "/directives/" + itoa(a.DirectiveID)},
		{"scoreboard", "/directives/" + itoa(a.DirectiveID) + "/scoreboard?as_of=2023-02-20"},
		{"league", "/league?kind=province"},
		{"matrix", "/themes/" + itoa(a.Directive.ThemeID) + "/matrix"},
		{"theme-progress", "/themes/" + itoa(a.Directive.ThemeID) + "/progress"},
		{"targets", "/targets"},
		{"target-agencies", "/targets/D3"},
		{"target-national", "/targets/S5"},
		{"assignment", "/assignments/" + itoa(a.ID)},
		{"directive-form", "/directives/new"},
		{"extensions", "/extensions"},
		{"explanations", "/explanations"},
		{"users", "/admin/users"},
		{"holidays", "/admin/holidays"},
		{"reminder-settings", "/admin/reminders"},
		{"outbox", "/admin/outbox"},
		{"reminder-log", "/admin/reminder-log"},
		{"audit", "/admin/audit"},
		{"webhooks", "/admin/webhooks"},
	}
	for _, p := range pages {
		phone.visit(p.path)
		phone.expectFits(p.name)
	}
	phone.visit("/themes/" + itoa(a.Directive.ThemeID))
	phone.shotOf("theme-board-more", "#board-more") // below the 50 cards: the link to the next ones

	// Charts' text stays readable on a phone: at least 10 px high on screen.
	for _, path := range []string{"/plans/" + itoa(plan), "/themes/" + itoa(a.Directive.ThemeID) + "/progress"} {
		phone.visit(path)
		small := phone.eval(`() => Math.min(...[...document.querySelectorAll('.chart svg text')].map(el => el.getBoundingClientRect().height))`).Value.Num()
		if small < 10 {
			t.Errorf("%s: chart text %.1f px high on a phone, want at least 10", path, small)
		}
	}

	// The focal point's own card on the board, with its form, fits too.
	focal := s.open(t, "phone-focal", 375, 812)
	focal.login("focal")
	open := models.StatusInProgress
	list, _, err := s.store.ListAssignments(ctx, store.AssignmentFilter{AgencyID: a.AgencyID, Status: open,
		Page: store.Page{PerPage: 1}}, s.clock.Now())
	if err != nil || len(list) == 0 {
		t.Fatalf("no open assignment of BTTTT in the demo data: %v", err)
	}
	focal.visit("/themes/" + itoa(list[0].Directive.ThemeID) + "?agency=BTTTT")
	focal.el("#card-" + itoa(list[0].ID) + " form")
	focal.expectFits("theme-board-focal")

	// A discussion with a long unbroken text and a mention, the focal point's
	// bell, notifications and e-mail settings fit too.
	_, err = s.store.AddComment(ctx, s.users["coordinator"], list[0].ID,
		"Đề nghị @focal.btttt@test.vn bổ sung văn bản: https://data.gov.vn/"+strings.Repeat("tai-lieu-", 12), s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	focal.visit("/notifications")
	focal.el(".notifications li.unread")
	focal.expectFits("notifications")
	focal.visit("/assignments/" + itoa(list[0].ID)) // marks it read
	focal.expectFits("assignment-discussion")
	focal.visit("/account/notifications")
	focal.expectFits("notification-prefs")
}

// expectFits checks the page against pageProblems and saves a screenshot.
func (tb *tab) expectFits(name string) {
	tb.t.Helper()
	tb.shot(name)
	for _, p := range tb.eval(pageProblems).Value.Arr() {
		tb.t.Errorf("%s (%s): %s", name, tb.url(), p.Str())
	}
}

// TestBrowserPhoneAsOfTravels: at 375 px an as-of day chosen on the year
// overview is still applied after tapping through to a theme and from there
// to its matrix and to the league table; the agency page lists its tasks as
// cards with the title across the width, and nothing scrolls sideways.
func TestBrowserPhoneAsOfTravels(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if _, err := seed.SeedDemo(context.Background(), s.store, s.store.Location()); err != nil {
		t.Fatal(err)
	}
	a := s.pageAssignment("BTTTT")
	phone := s.open(t, "phone-asof", 375, 812)
	phone.login("viewer")
	phone.visit("/plans/" + itoa(a.Directive.Theme.PlanID))
	phone.fill(`input[name=as_of]`, "20/02/2023")
	phone.submitAndWait(`form[action^="/plans/"] button[type=submit]`)
	phone.expectText("#year-totals + .as-of-note", "20/02/2023")
	phone.expectFits("overview-as-of")

	phone.submitAndWait(`.month h2 a[href^="/themes/` + itoa(a.Directive.ThemeID) + `?"]`)
	phone.expectText(".as-of-note", "20/02/2023")
	phone.expectFits("theme-as-of")
	phone.submitAndWait(`.actions a[href*="/matrix"]`)
	phone.expectText(".as-of-note", "20/02/2023")
	if v := phone.eval(`() => document.querySelector('input[name=as_of]').value`).Value.Str(); v != "20/02/2023" {
		t.Errorf("the matrix's as-of field holds %q, want 20/02/2023", v)
	}
	phone.visit("/themes/" + itoa(a.Directive.ThemeID) + "?as_of=2023-02-20")
	phone.submitAndWait(`.actions a[href^="/league"]`)
	phone.expectText(".as-of-note", "20/02/2023")
	if v := phone.eval(`() => document.querySelector('input[name=as_of]').value`).Value.Str(); v != "20/02/2023" {
		t.Errorf("the league's as-of field holds %q, want 20/02/2023", v)
	}
	phone.expectFits("league-as-of")

	phone.visit("/agencies/BTTTT")
	phone.expectFits("agency-cards")
	w := phone.eval(`() => { const td = document.querySelector('table.stack td.title'); return td ? td.getBoundingClientRect().width : -1 }`).Value.Num()
	if w < 280 {
		t.Errorf("the task title is %.0f px wide on the agency page, want the card's width", w)
	}
}
