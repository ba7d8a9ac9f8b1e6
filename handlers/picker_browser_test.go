package handlers_test

import (
	"context"
	"testing"

	"github.com/go-rod/rod/lib/input"

	"roviec/models"
)

// press presses keys on the focused element, one after another.
func (tb *tab) press(keys ...input.Key) {
	tb.t.Helper()
	for _, k := range keys {
		if err := tb.page.Keyboard.Press(k); err != nil {
			tb.t.Fatalf("press %v: %v", k, err)
		}
	}
}

// pickerState is what the open picker shows, where the focus is and the
// date field's value.
func (tb *tab) pickerState(field string) map[string]any {
	tb.t.Helper()
	v := tb.eval(`f => { const p = document.querySelector('.picker'), a = document.activeElement;
		const r = p ? p.getBoundingClientRect() : null, day = p && p.querySelector('.picker-day');
		return {open: !!p, title: p ? p.querySelector('.picker-title').textContent : '',
			head: p ? p.querySelector('th').textContent : '', focus: a.dataset.day || a.id,
			fits: !!r && r.left >= 0 && r.right <= innerWidth, day: day ? Math.min(day.offsetWidth, day.offsetHeight) : 0,
			value: document.getElementById(f).value} }`, field).Value
	return map[string]any{"open": v.Get("open").Bool(), "title": v.Get("title").Str(), "head": v.Get("head").Str(),
		"focus": v.Get("focus").Str(), "fits": v.Get("fits").Bool(), "day": v.Get("day").Int(), "value": v.Get("value").Str()}
}

func (tb *tab) expectPicker(when, field string, want map[string]any) {
	tb.t.Helper()
	got := tb.pickerState(field)
	for k, w := range want {
		if got[k] != w {
			tb.t.Errorf("%s: the picker's %s is %v, want %v (all: %v)", when, k, got[k], w, got)
		}
	}
}

// TestBrowserDatePicker: at 375 px a coordinator (in Vietnamese) opens the
// picker beside an assignment's deadline, goes to the next month by its
// button, taps a day and saves; another (in English) does it by keyboard:
// Enter opens it on the field's day, arrows move, Escape closes without a
// change and the focus is back in the field, Enter picks. The grid fits the
// screen, its days are 40 px squares, and the saved deadlines are the days
// picked.
func TestBrowserDatePicker(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	en, err := s.store.CreateUser(context.Background(), models.NewUser{Email: "coord.en@test.vn", Name: "Coordinator EN",
		Role: models.RoleCoordinator, Language: "en", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	s.users["en"] = en
	a := s.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	save := `form[action="` + path + `"] button[type=submit]`
	if a.DueOn != "2023-03-31" {
		t.Fatalf("the BTTTT assignment is due %s; the test expects 31/03/2023", a.DueOn)
	}

	vi := s.open(t, "picker-vi", 375, 812)
	vi.login("coordinator")
	vi.visit(path)
	if mode := vi.eval(`() => document.getElementById('due_date').inputMode`).Value.Str(); mode != "text" {
		t.Errorf("the deadline's inputmode is %q, want text (a keyboard with /)", mode)
	}
	vi.click("#due_date + .picker-toggle")
	vi.expectPicker("opened", "due_date", map[string]any{"open": true, "title": "Tháng 3 2023", "head": "T2",
		"focus": "31/03/2023", "fits": true, "day": 40})
	vi.click(".picker-nav:last-child")
	vi.expectPicker("next month", "due_date", map[string]any{"title": "Tháng 4 2023", "value": "31/03/2023"})
	vi.shotOf("picker-open", "main")
	vi.click(`.picker-day[data-day="15/04/2023"]`)
	vi.expectPicker("picked", "due_date", map[string]any{"open": false, "focus": "due_date", "value": "15/04/2023"})
	vi.expectFits("picker-picked")
	vi.submitAndWait(save)
	if got := s.assignment(a.ID).DueOn; got != "2023-04-15" {
		t.Fatalf("saved deadline %q, want 2023-04-15", got)
	}

	phone := s.open(t, "picker-en", 375, 812)
	phone.login("en")
	phone.visit(path)
	if err := phone.el("#due_date + .picker-toggle").Focus(); err != nil {
		t.Fatal(err)
	}
	phone.press(input.Enter)
	phone.expectPicker("opened by keyboard", "due_date", map[string]any{"open": true, "title": "April 2023", "head": "Mo",
		"focus": "15/04/2023", "fits": true})
	phone.press(input.ArrowRight, input.ArrowDown)
	phone.expectPicker("arrows", "due_date", map[string]any{"focus": "23/04/2023"})
	phone.press(input.ArrowDown, input.ArrowDown)
	phone.expectPicker("arrows into May", "due_date", map[string]any{"focus": "07/05/2023", "title": "May 2023"})
	phone.shotOf("picker-keyboard", "main")
	phone.press(input.Escape)
	phone.expectPicker("Escape", "due_date", map[string]any{"open": false, "focus": "due_date", "value": "15/04/2023"})
	phone.el("#due_date + .picker-toggle").MustFocus()
	phone.press(input.Enter, input.ArrowLeft, input.Enter)
	phone.expectPicker("picked by keyboard", "due_date", map[string]any{"open": false, "focus": "due_date", "value": "14/04/2023"})
	phone.submitAndWait(save)
	if got := s.assignment(a.ID).DueOn; got != "2023-04-14" {
		t.Fatalf("saved deadline %q, want 2023-04-14", got)
	}
}
