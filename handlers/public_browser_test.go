package handlers_test

import (
	"context"
	"testing"

	"roviec/models/seed"
)

// TestBrowserPublicPhone: the public scoreboard, opened without login on a
// phone (375 px), fits the screen, its tables scrolling in their own box,
// in Vietnamese and in English.
func TestBrowserPublicPhone(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	if _, err := seed.SeedDemo(ctx, s.store, s.store.Location()); err != nil {
		t.Fatal(err)
	}
	plan := s.plans()[0]
	if _, err := s.store.SetPlanPublic(ctx, plan.ID, true); err != nil {
		t.Fatal(err)
	}
	phone := s.open(t, "public-phone", 375, 812)
	phone.visit("/public/2023")
	phone.el("#public-league")
	phone.expectFits("public")
	phone.visit("/public/2023?lang=en")
	phone.expectFits("public-en")
	if n := phone.eval(`() => document.querySelectorAll('section[aria-labelledby=public-league] tbody tr').length`).Value.Int(); n < 90 {
		t.Errorf("the public league lists %d agencies, want the 93", n)
	}
	phone.shotOf("public-league-en", "section[aria-labelledby=public-league]")

	// A directive's own scoreboard, reached from the plan's page.
	phone.visit("/public/2023")
	phone.eval(`() => document.querySelector('table.stack th.title a[href^="/public/2023/directives/"]').click()`)
	phone.el("#sb-not-done")
	phone.expectFits("public-scoreboard")
	phone.visit(phone.eval(`() => location.pathname`).Value.Str() + "?lang=en")
	phone.el("#sb-not-done")
	phone.expectFits("public-scoreboard-en")
	desk := s.open(t, "public-desk", 1280, 900)
	desk.visit("/public/2023")
	desk.expectFits("public-desk")
}
