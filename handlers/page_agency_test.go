package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAgencyPageOverdueFirst: the agency page shows its overdue tasks first,
// most days overdue first, then the others by theme with the finished ones
// folded in a <details>; ?overdue=1 and ?status= narrow it.
func TestAgencyPageOverdueFirst(t *testing.T) {
	e := newEnv(t)
	coord := e.token("coordinator")
	theme := e.testTheme()
	_, little := e.issue(coord, theme, "Việc quá hạn ít ngày", "2023-03-10", "01")
	_, much := e.issue(coord, theme, "Việc quá hạn nhiều ngày", "2023-03-01", "01")
	_, done := e.issue(coord, theme, "Việc đã xong", "2023-03-05", "01")
	e.issue(coord, theme, "Việc còn hạn", "2023-05-30", "01")
	expectStatus(t, e.patchAssignment(e.token("focal2"), done["01"], map[string]any{"status": "submitted", "evidence_ref": "12/KH-UBND"}), 200)
	expectStatus(t, e.patchAssignment(coord, done["01"], map[string]any{"status": "done"}), 200)
	e.clock.Set(at(t, 2023, 3, 20, 9, 0))
	th, err := e.store.ThemeByID(context.Background(), theme)
	if err != nil {
		t.Fatal(err)
	}
	plan := th.PlanID

	b := newBrowser(e)
	b.login("focal2")
	path := "/agencies/01?plan_id=" + itoa(plan)
	rec := b.get(path)
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	expectOrder(t, body, `id="overdue"`, "2 nhiệm vụ quá hạn, quá hạn lâu nhất trước",
		"/assignments/"+itoa(much["01"]), "19 ngày", "/assignments/"+itoa(little["01"]), "10 ngày",
		"Dữ liệu mở", "Việc còn hạn", `<details class="finished">`, "1 nhiệm vụ đã xong hoặc đã hủy", "Việc đã xong")
	if strings.Count(body, "Việc quá hạn ít ngày") != 1 {
		t.Error("an overdue task should be listed once, on top, not again in its theme")
	}

	overdue := b.get(path + "&overdue=1").Body.String()
	expectOrder(t, overdue, `name="overdue" value="1" checked`, "Việc quá hạn nhiều ngày", "Việc quá hạn ít ngày")
	for _, s := range []string{"Việc còn hạn", "Việc đã xong"} {
		if strings.Contains(overdue, s) {
			t.Errorf("overdue only still lists %q", s)
		}
	}
	finished := b.get(path + "&status=done").Body.String()
	if !strings.Contains(finished, "Việc đã xong") || strings.Contains(finished, "Việc quá hạn") || strings.Contains(finished, "Việc còn hạn") {
		t.Error("?status=done should list the done task only")
	}
}

// TestAgencyListAndScoreboardFilters: the agency list filters by kind, the
// scoreboard by kind and "overdue only", its figures following the kind.
func TestAgencyListAndScoreboardFilters(t *testing.T) {
	e := newEnv(t)
	coord := e.token("coordinator")
	id, ids := e.issue(coord, e.testTheme(), "Công bố dữ liệu mở", "2023-03-05", "BTTTT", "01", "79")
	expectStatus(t, e.patchAssignment(coord, ids["79"], map[string]any{"status": "in_progress"}), 200)
	e.clock.Set(at(t, 2023, 3, 20, 9, 0))
	b := newBrowser(e)
	b.login("coordinator")

	provinces := b.get("/agencies?kind=province").Body.String()
	if !strings.Contains(provinces, `href="/agencies/01"`) || strings.Contains(provinces, `href="/agencies/BTTTT"`) {
		t.Error("/agencies?kind=province should list provinces only")
	}
	ministries := b.get("/agencies?kind=ministry").Body.String()
	if strings.Contains(ministries, `href="/agencies/01"`) || !strings.Contains(ministries, `href="/agencies/BTTTT"`) {
		t.Error("/agencies?kind=ministry should list ministries only")
	}

	sb := fmt.Sprintf("/directives/%d/scoreboard", id)
	rec := b.get(sb + "?kind=province")
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	expectPage(t, rec, "<strong>0/2</strong> địa phương", "Cơ quan chưa hoàn thành (2)", `<option value="province" selected>`)
	if strings.Contains(body, "bộ, ngành</span>") || strings.Contains(body, "/assignments/"+itoa(ids["BTTTT"])) {
		t.Error("the scoreboard of provinces shows ministries")
	}
	all := b.get(sb + "?overdue=1")
	expectPage(t, all, "Cơ quan chưa hoàn thành (3)")
	early := b.get(sb + "?overdue=1&as_of=2023-03-01").Body.String()
	if !strings.Contains(early, "Không cơ quan nào quá hạn.") || strings.Contains(early, "/assignments/"+itoa(ids["01"])) {
		t.Error("before the deadline, overdue only should list nobody and say so")
	}
}
