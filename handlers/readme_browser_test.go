package handlers_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"

	"roviec/models"
)

// readmeShotHeight caps the README's screenshots, in CSS pixels.
const readmeShotHeight = 2000

// TestBrowserReadmeScreenshots takes the README's pictures at 1280 px wide,
// with the demo data and its banner, the clock in January 2024 (so that 2023
// is history): the year overview with its chart, the plan directive's
// scoreboard as of 25/02/2023 (6/30 ministries, 29/63 provinces), the league
// table of the ministries in the launch theme as of 30/04/2023 (a month after
// its deadline), a target computed from the agencies (D3) and a national one
// (S5) after a coordinator reports its values through the form. They are
// written as artifacts/screenshots/readme-*.png.
func TestBrowserReadmeScreenshots(t *testing.T) {
	t.Parallel()
	needChromium(t)
	e := newEnv(t)
	e.app.Handler.Opt.Demo = true // the banner: illustrative data
	s := serve(t, e)
	ctx := context.Background()
	d, err := s.store.DirectiveByID(ctx, s.demoPlanDirective())
	if err != nil {
		t.Fatal(err)
	}
	theme, err := s.store.ThemeByID(ctx, d.ThemeID)
	if err != nil {
		t.Fatal(err)
	}
	plan := "?plan_id=" + itoa(theme.PlanID)

	coord := s.open(t, "docs", 1280, 900)
	if err := (proto.EmulationSetScrollbarsHidden{Hidden: true}).Call(coord.page); err != nil {
		t.Fatal(err)
	}
	coord.login("coordinator")

	coord.visit("/plans/" + itoa(theme.PlanID))
	coord.el(".chart svg")
	coord.readmeShot("overview")

	coord.visit("/directives/" + itoa(d.ID) + "/scoreboard?as_of=2023-02-25")
	if done, total := coord.scoreFigure(models.KindMinistry); done != 6 || total != 30 {
		t.Errorf("scoreboard as of 25/02/2023: ministries %d/%d, want 6/30", done, total)
	}
	if done, total := coord.scoreFigure(models.KindProvince); done != 29 || total != 63 {
		t.Errorf("scoreboard as of 25/02/2023: provinces %d/%d, want 29/63", done, total)
	}
	coord.readmeShot("scoreboard")

	coord.visit("/league?kind=ministry&theme_id=" + itoa(theme.ID) + "&as_of=2023-04-30")
	coord.expectText(".as-of-note", "30/04/2023")
	coord.readmeShot("league")

	coord.visit("/targets/D3" + plan)
	coord.el(".chart svg")
	coord.expectText(".big-figures", "/30", "/63")
	coord.readmeShot("target-agencies")

	coord.visit("/targets/S5" + plan)
	for _, v := range []struct {
		value string
		month time.Month
		day   int
	}{{"68,9", time.March, 31}, {"71,4", time.June, 30}, {"73,8", time.September, 30}, {"77,2", time.December, 31}} {
		coord.reportTargetValue(v.value, time.Date(2023, v.month, v.day, 0, 0, 0, 0, time.UTC))
	}
	coord.visit("/targets/S5" + plan)
	coord.expectText("#target-history ~ .table-wrap", "31/03/2023", "68,9%", "31/12/2023", "77,2%")
	coord.expectText("dl.facts", "77,2%", "Đạt")
	coord.readmeShot("target-national")
}

// reportTargetValue fills the target page's form for reporting a value
// and submits it.
func (tb *tab) reportTargetValue(value string, asOf time.Time) {
	tb.t.Helper()
	tb.fill("#tv-value", value)
	tb.fill("#tv-date", asOf.Format("02/01/2006"))
	tb.fill("#tv-source", "Số liệu minh họa")
	tb.submitAndWait(`form[action^="/targets/"][method=post] button[type=submit]`)
	tb.expectText(".flash", "Đã lưu")
}

// readmeShot saves the page, at most readmeShotHeight tall, as
// artifacts/screenshots/readme-<name>.png.
func (tb *tab) readmeShot(name string) {
	tb.t.Helper()
	tb.saveShot("readme-"+name+".png", "html", readmeShotHeight)
}
