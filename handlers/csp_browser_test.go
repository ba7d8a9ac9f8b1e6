package handlers_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"roviec/models"
	"roviec/models/seed"
)

// policyWatch collects what the browser refused under the Content-Security-
// Policy, and the scripts' uncaught exceptions, on one tab.
type policyWatch struct {
	mu       sync.Mutex
	problems []string
}

// watchPolicy listens to the tab's log and runtime for its whole life and
// fails the test at its end with anything the policy blocked or any
// uncaught script error: every browser test doubles as a check that the
// pages it drives need no inline script or style.
func watchPolicy(t *testing.T, p *rod.Page) {
	t.Helper()
	if err := (proto.LogEnable{}).Call(p); err != nil {
		t.Fatal(err)
	}
	if err := (proto.RuntimeEnable{}).Call(p); err != nil {
		t.Fatal(err)
	}
	w := &policyWatch{}
	go p.EachEvent(func(e *proto.LogEntryAdded) {
		if e.Entry.Source == proto.LogLogEntrySourceSecurity || strings.Contains(e.Entry.Text, "Content Security Policy") {
			w.add(e.Entry.URL + ": " + e.Entry.Text)
		}
	}, func(e *proto.RuntimeExceptionThrown) {
		w.add("uncaught: " + e.ExceptionDetails.URL + ": " + e.ExceptionDetails.Text + " " + e.ExceptionDetails.Exception.Description)
	})()
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, p := range w.problems {
			t.Errorf("browser: %s", p)
		}
	})
}

func (w *policyWatch) add(p string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, p)
}

// TestBrowserContentSecurityPolicy: every page an admin reaches, the outbox
// page with an e-mail's styled HTML body in its frame, and an htmx request
// load and run under the policy without a single refusal (watchPolicy fails
// the test otherwise).
func TestBrowserContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	if _, err := seed.SeedDemo(ctx, s.store, s.store.Location()); err != nil {
		t.Fatal(err)
	}
	msg := s.addOutbox(models.OutboxMessage{Recipients: "hang@mic.gov.vn", Subject: "Nhắc việc", Status: models.OutboxSent,
		BodyText: "Kính gửi", BodyHTML: `<p style="color:#b00;font-weight:bold">Kính gửi chị Hằng</p><table style="border:1px solid"><tr><td>1</td></tr></table>`})
	a := s.pageAssignment("BTTTT")
	admin := s.open(t, "csp", 1280, 900)
	admin.visit("/login")
	admin.login("admin")
	for _, path := range []string{
		"/plans", "/plans/" + itoa(a.Directive.Theme.PlanID), "/plans/new", "/plans/" + itoa(a.Directive.Theme.PlanID) + "/edit",
		"/themes/" + itoa(a.Directive.ThemeID), "/themes/" + itoa(a.Directive.ThemeID) + "/matrix",
		"/themes/" + itoa(a.Directive.ThemeID) + "/progress", "/themes/" + itoa(a.Directive.ThemeID) + "/edit",
		"/league", "/targets", "/targets/D3", "/targets/S5", "/agencies", "/agencies/BTTTT", "/agencies/BTTTT/edit",
		"/directives", "/directives/new", "/directives/" + itoa(a.DirectiveID), "/directives/" + itoa(a.DirectiveID) + "/edit",
		"/directives/" + itoa(a.DirectiveID) + "/scoreboard?as_of=2023-02-20", "/assignments/" + itoa(a.ID),
		"/extensions", "/explanations", "/admin/users", "/admin/holidays", "/admin/reminders", "/admin/outbox",
		"/admin/reminder-log", "/no-such-page", "/admin/outbox/" + itoa(msg.ID),
	} {
		admin.visit(path)
	}
	admin.shot("outbox-message")
	// The e-mail's body loaded in its frame: a frame refused by the page's
	// policy or by its own headers would show Chrome's error page instead.
	admin.el("iframe.mail-frame")
	tree, err := proto.PageGetFrameTree{}.Call(admin.page)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.FrameTree.ChildFrames) != 1 || !strings.HasSuffix(tree.FrameTree.ChildFrames[0].Frame.URL, "/admin/outbox/"+itoa(msg.ID)+"/html") {
		t.Fatalf("the e-mail's frame did not load its body: %+v", tree.FrameTree.ChildFrames)
	}
	// An htmx request: the directives' search swaps the list in place.
	admin.visit("/directives")
	admin.markWindow()
	admin.fill("#q", "dữ liệu")
	admin.el("#directive-list")
	admin.expectSameWindow("directive search")
}
