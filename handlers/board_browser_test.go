package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/go-rod/rod/lib/input"

	"roviec/models"
)

// boardCounts reads the board's totals per status and the count in the
// heading of each status column of the card's lane.
func (tb *tab) boardCounts(cardID uint) (totals, columns map[models.Status]int) {
	tb.t.Helper()
	res := tb.eval(`id => {
		const num = el => el ? Number(el.textContent.replace(/[.,\s]/g, '')) : -1; // 1.234 or 1,234
		const totals = {}, columns = {};
		document.querySelectorAll('.board-totals [data-status]').forEach(b => totals[b.dataset.status] = num(b.querySelector('.n')));
		const lane = document.getElementById('card-' + id).closest('.lane');
		lane.querySelectorAll('.column').forEach(c => columns[c.dataset.status] = num(c.querySelector('h4 .n')));
		return {totals, columns};
	}`, cardID)
	totals, columns = map[models.Status]int{}, map[models.Status]int{}
	for k, v := range res.Value.Get("totals").Map() {
		totals[models.Status(k)] = v.Int()
	}
	for k, v := range res.Value.Get("columns").Map() {
		columns[models.Status(k)] = v.Int()
	}
	return totals, columns
}

// cardColumn is the status of the column the card stands in.
func (tb *tab) cardColumn(cardID uint) models.Status {
	tb.t.Helper()
	return models.Status(tb.eval(`id => document.getElementById('card-' + id).closest('.column').dataset.status`, cardID).Value.Str())
}

// markWindow sets a marker on window; a full page load would remove it.
func (tb *tab) markWindow() { tb.eval(`() => { window.roviecNoReload = "still here" }`) }

// expectSameWindow fails when the page was reloaded since markWindow.
func (tb *tab) expectSameWindow(when string) {
	tb.t.Helper()
	if got := tb.eval(`() => window.roviecNoReload || ""`).Value.Str(); got != "still here" {
		tb.t.Fatalf("%s: the page was reloaded (marker %q)", when, got)
	}
}

// TestBrowserBoardUpdate: a focal point logs in through the form, opens a
// theme board and updates their own assignment on its card; the card moves
// to its new column and the counts follow, without a page load; a refused
// change shows its message in the card. A coordinator then sees the change
// on the directive page and the board, and accepts the report on the board;
// the directive's scoreboard counts one more ministry done, and the league
// table ranks the ministry first with its on-time completion.
func TestBrowserBoardUpdate(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	a := s.pageAssignment("BTTTT")
	if a.Status != models.StatusNotStarted {
		t.Fatalf("assignment %d starts %s, want not_started", a.ID, a.Status)
	}
	id, board := a.ID, "/themes/"+itoa(a.Directive.ThemeID)+"?kind=ministry"
	card := "#card-" + itoa(id)
	scoreboard := "/directives/" + itoa(a.DirectiveID) + "/scoreboard"
	league := "/league?kind=ministry&theme_id=" + itoa(a.Directive.ThemeID)

	// What the coordinator reads before: the scoreboard and the league table
	// of the ministries in the theme.
	coord := s.open(t, "board-coordinator", 1280, 900)
	coord.login("coordinator")
	committee := coord.readCommittee(scoreboard, league, "BTTTT")

	focal := s.open(t, "board-focal", 1280, 900)
	focal.login("focal")
	focal.visit(board)
	focal.shot("board-before")
	totals, columns := focal.boardCounts(id)
	if got := focal.cardColumn(id); got != models.StatusNotStarted {
		t.Fatalf("card in column %s, want not_started", got)
	}
	focal.markWindow()

	// By keyboard: the save button is focused and Enter pressed; the focus
	// stays on it after the board is swapped.
	focal.choose(card+"-status", "^Đang thực hiện$")
	focal.fill(card+"-progress", "30")
	if err := focal.el(card + "-save").Focus(); err != nil {
		t.Fatal(err)
	}
	if err := focal.page.Keyboard.Press(input.Enter); err != nil {
		t.Fatal(err)
	}
	focal.el(card + ".saved")
	focal.expectSameWindow("after saving the card")
	if got := focal.eval(`() => document.activeElement.id`).Value.Str(); got != "card-"+itoa(id)+"-save" {
		t.Errorf("after the swap the focus is on %q, want the card's save button", got)
	}
	focal.shotOf("board-after-update", ".lane:has("+card+")")
	if got := focal.cardColumn(id); got != models.StatusInProgress {
		t.Fatalf("after the update the card is in column %s, want in_progress", got)
	}
	focal.expectText(card, "30%", "Đã lưu")
	focal.expectText("#board-note", "Đã lưu", "Đang thực hiện · 30%")
	after, afterCols := focal.boardCounts(id)
	for status, delta := range map[models.Status]int{models.StatusNotStarted: -1, models.StatusInProgress: +1, models.StatusDone: 0} {
		if after[status] != totals[status]+delta {
			t.Errorf("total %s: %d -> %d, want %+d", status, totals[status], after[status], delta)
		}
		if afterCols[status] != columns[status]+delta {
			t.Errorf("column %s: %d -> %d, want %+d", status, columns[status], afterCols[status], delta)
		}
	}
	if v := focal.eval(`() => document.querySelector('select[name=kind]').value`).Value.Str(); v != "ministry" {
		t.Errorf("the board lost its filter: kind=%q", v)
	}

	// Reporting done without evidence is refused (422): the message shows in the card.
	focal.choose(card+"-status", "^Đã báo cáo hoàn thành$")
	focal.click(card + "-save")
	focal.el(card + "-message .card-error")
	focal.expectSameWindow("after a refused change")
	focal.expectText(card+"-message", "minh chứng")
	focal.shotOf("board-refused", ".lane:has("+card+")")
	if got := focal.cardColumn(id); got != models.StatusInProgress {
		t.Fatalf("a refused change moved the card to %s", got)
	}

	coord.visit("/directives/" + itoa(a.DirectiveID))
	coord.shot("directive-after-focal")
	row := `tr:has(a[href="/assignments/` + itoa(id) + `"])`
	coord.expectText(row, "Đang thực hiện", "30%")
	coord.visit(board)
	if got := coord.cardColumn(id); got != models.StatusInProgress {
		t.Fatalf("the coordinator sees the card in %s, want in_progress", got)
	}

	// The focal point reports it done with evidence (on the full form, here
	// through the store); the coordinator accepts it on the board.
	evidence, submitted := "12/QĐ-BTTTT", models.StatusSubmitted
	if _, err := s.store.UpdateAssignment(context.Background(), s.users["focal"], &models.Assignment{ID: id},
		models.AssignmentChange{Status: &submitted, EvidenceRef: &evidence}, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	coord.visit(board)
	totals, _ = coord.boardCounts(id)
	coord.markWindow()
	coord.click(card + "-accept")
	coord.el(card + ".saved")
	coord.expectSameWindow("after accepting on the board")
	// The accepted card has no form any more: the focus goes to the card
	// itself (static/focus.js), not back to the top of the page.
	if got := coord.eval(`() => document.activeElement.id`).Value.Str(); got != "card-"+itoa(id) {
		t.Errorf("after accepting, the focus is on %q, want the card", got)
	}
	coord.shotOf("board-accepted", ".lane:has("+card+")")
	if got := coord.cardColumn(id); got != models.StatusDone {
		t.Fatalf("after acceptance the card is in %s, want done", got)
	}
	if accepted, _ := coord.boardCounts(id); accepted[models.StatusDone] != totals[models.StatusDone]+1 ||
		accepted[models.StatusSubmitted] != totals[models.StatusSubmitted]-1 {
		t.Errorf("totals after acceptance: %v, before %v", accepted, totals)
	}
	coord.visit("/directives/" + itoa(a.DirectiveID))
	coord.shot("directive-after-acceptance")
	coord.expectText(row, "Hoàn thành", "100%")
	if done := coord.text("#done-summary + .counts"); !strings.Contains(done, "1/") {
		t.Errorf("done summary %q does not count the accepted assignment", done)
	}

	// Accepted before its deadline: one more ministry done, and done on time.
	if a.DueOn <= s.store.ClampAsOf("", s.clock.Now()) {
		t.Fatalf("the assignment is due %s: the league test below wants it done early", a.DueOn)
	}
	expectOneMoreDoneOnTime(t, committee, coord.readCommittee(scoreboard, league, "BTTTT"))
}
