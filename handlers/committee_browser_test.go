package handlers_test

import (
	"strconv"
	"strings"
	"testing"

	"roviec/models"
)

// What the committee reads in a tab: the scoreboard's figures and an
// agency's row of the league table.

// scoreFigure is the "done/total" the scoreboard shows for a kind of agency,
// split into its two numbers.
func (tb *tab) scoreFigure(kind models.AgencyKind) (done, total int) {
	tb.t.Helper()
	text := tb.text(`.big-figures .figure[data-kind="` + string(kind) + `"] strong`)
	d, t, ok := strings.Cut(text, "/")
	var err1, err2 error
	done, err1 = strconv.Atoi(d)
	total, err2 = strconv.Atoi(t)
	if !ok || err1 != nil || err2 != nil {
		tb.t.Fatalf("scoreboard figure of %s on %s reads %q, want done/total", kind, tb.url(), text)
	}
	return done, total
}

// leagueStanding is an agency's row of the league table as shown: its
// position from the top, and the text of its cells.
type leagueStanding struct {
	Position                      int
	Rank, Rate, Due               string
	DoneOnTime, DoneLate, Overdue int
}

// leagueRow reads the row of the agency with the code from the league table.
func (tb *tab) leagueRow(code string) leagueStanding {
	tb.t.Helper()
	v := tb.eval(`code => {
		const rows = [...document.querySelectorAll('table.league tbody tr')];
		const i = rows.findIndex(r => r.dataset.agency === code);
		if (i < 0) return null;
		// A coordinator's rows begin with the urge box: not a figure.
		const cells = [...rows[i].children].filter(c => !c.classList.contains('urge-select'));
		return {position: i + 1, cells: cells.map(c => c.textContent.trim())};
	}`, code).Value
	if v.Nil() {
		tb.t.Fatalf("no row of %s in the league table on %s", code, tb.url())
	}
	c := v.Get("cells").Arr()
	if len(c) != 10 {
		tb.t.Fatalf("the league row of %s has %d cells, want 10", code, len(c))
	}
	n := func(i int) int {
		x, err := strconv.Atoi(c[i].Str())
		if err != nil {
			tb.t.Fatalf("league row of %s, cell %d: %q is not a number", code, i+1, c[i].Str())
		}
		return x
	}
	return leagueStanding{Position: v.Get("position").Int(), Rank: c[0].Str(), Rate: c[3].Str(), Due: c[5].Str(),
		DoneOnTime: n(6), DoneLate: n(7), Overdue: n(8)}
}

// committeeFigures is what the coordinator reads about a directive given to
// the ministries and about one ministry: the scoreboard's "done/total" of the
// ministries, and the ministry's row of the league table.
type committeeFigures struct {
	Done, Total int
	Standing    leagueStanding
}

// readCommittee visits the scoreboard and the league table, reads them and
// saves their screenshots.
func (tb *tab) readCommittee(scoreboard, league, code string) committeeFigures {
	tb.t.Helper()
	var f committeeFigures
	tb.visit(scoreboard)
	f.Done, f.Total = tb.scoreFigure(models.KindMinistry)
	tb.shot("scoreboard")
	tb.visit(league)
	f.Standing = tb.leagueRow(code)
	tb.shot("league")
	return f
}

// expectOneMoreDoneOnTime fails unless, from before to after, the scoreboard
// counts one more ministry done out of the same total, and the ministry's row
// counts one more assignment done on time and, being the only one with
// anything due, it climbs to rank 1 with a 100% rate.
func expectOneMoreDoneOnTime(t *testing.T, before, after committeeFigures) {
	t.Helper()
	if after.Done != before.Done+1 || after.Total != before.Total {
		t.Errorf("scoreboard: ministries %d/%d -> %d/%d, want one more done", before.Done, before.Total, after.Done, after.Total)
	}
	b, a := before.Standing, after.Standing
	if a.DoneOnTime != b.DoneOnTime+1 || a.DoneLate != b.DoneLate || a.Overdue != b.Overdue {
		t.Errorf("league row: done on time / late / overdue %d/%d/%d -> %d/%d/%d, want one more on time",
			b.DoneOnTime, b.DoneLate, b.Overdue, a.DoneOnTime, a.DoneLate, a.Overdue)
	}
	if a.Rank != "1" || a.Rate != "100%" || a.Position >= b.Position {
		t.Errorf("league row: rank %s, rate %s, position %d -> rank %s, rate %s, position %d; want rank 1 at 100%%, higher up",
			b.Rank, b.Rate, b.Position, a.Rank, a.Rate, a.Position)
	}
}
