package views

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"sort"
	"testing"

	"roviec/models"
)

// localeMessages reads a locale file as message id -> plural form -> text;
// a message written as a plain string has only the form "other".
func localeMessages(t *testing.T, lang string) map[string]map[string]string {
	t.Helper()
	buf, err := fs.ReadFile(files, "locales/"+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(buf, &raw); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]map[string]string, len(raw))
	for id, v := range raw {
		var text string
		if json.Unmarshal(v, &text) == nil {
			out[id] = map[string]string{"other": text}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("%s %s: neither a text nor plural forms: %v", lang, id, err)
		}
		out[id] = forms
	}
	return out
}

// Every message with plural forms, rendered with a count of 1 and of 2:
// English says "1 day" and "2 days", Vietnamese writes what it always did.
func TestCountedMessagesInEnglishAndVietnamese(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id     string
		args   []any // besides the count N
		en, vi [2]string
	}{
		{"directives.count", nil, [2]string{"1 task", "2 tasks"}, [2]string{"1 nhiệm vụ", "2 nhiệm vụ"}},
		{"flash.directive_created", nil, [2]string{"Task assigned to 1 agency.", "Task assigned to 2 agencies."},
			[2]string{"Đã giao nhiệm vụ cho 1 cơ quan.", "Đã giao nhiệm vụ cho 2 cơ quan."}},
		{"mail.count.due_soon", nil, [2]string{"1 due soon", "2 due soon"}, [2]string{"1 sắp đến hạn", "2 sắp đến hạn"}},
		{"mail.count.due_soon_first", nil, [2]string{"1 due soon", "2 due soon"},
			[2]string{"1 nhiệm vụ sắp đến hạn", "2 nhiệm vụ sắp đến hạn"}},
		{"mail.count.overdue", nil, [2]string{"1 overdue", "2 overdue"}, [2]string{"1 quá hạn", "2 quá hạn"}},
		{"mail.items.more", []any{"URL", "https://roviec.vn"},
			[2]string{"… and 1 more assignment. See them all in Rõ Việc: https://roviec.vn",
				"… and 2 more assignments. See them all in Rõ Việc: https://roviec.vn"},
			[2]string{"… và 1 nhiệm vụ khác. Xem đầy đủ trên Rõ Việc: https://roviec.vn",
				"… và 2 nhiệm vụ khác. Xem đầy đủ trên Rõ Việc: https://roviec.vn"}},
		{"mail.count.overdue_first", nil, [2]string{"1 overdue", "2 overdue"},
			[2]string{"1 nhiệm vụ quá hạn", "2 nhiệm vụ quá hạn"}},
		{"mail.count.unclear", nil, [2]string{"1 without a responsible person", "2 without a responsible person"},
			[2]string{"1 chưa rõ người phụ trách", "2 chưa rõ người phụ trách"}},
		{"mail.count.unclear_first", nil, [2]string{"1 without a responsible person", "2 without a responsible person"},
			[2]string{"1 nhiệm vụ chưa rõ người phụ trách", "2 nhiệm vụ chưa rõ người phụ trách"}},
		{"mail.digest.newly_overdue", nil, [2]string{"Newly overdue this week (1)", "Newly overdue this week (2)"},
			[2]string{"Nhiệm vụ mới quá hạn trong tuần (1)", "Nhiệm vụ mới quá hạn trong tuần (2)"}},
		{"mail.digest.open_explanation", nil,
			[2]string{"Explanation requests not yet answered (1)", "Explanation requests not yet answered (2)"},
			[2]string{"Yêu cầu giải trình chưa được trả lời (1)", "Yêu cầu giải trình chưa được trả lời (2)"}},
		{"mail.digest.unclear", nil,
			[2]string{"Assignments without a responsible person (total 1)", "Assignments without a responsible person (total 2)"},
			[2]string{"Nhiệm vụ chưa rõ người phụ trách (tổng số 1)", "Nhiệm vụ chưa rõ người phụ trách (tổng số 2)"}},
		{"mail.digest.unclear_more", nil,
			[2]string{"… and 1 more without a responsible person.", "… and 2 more without a responsible person."},
			[2]string{"… và 1 nhiệm vụ khác chưa rõ người phụ trách.", "… và 2 nhiệm vụ khác chưa rõ người phụ trách."}},
		{"mail.status.left", nil, [2]string{"1 working day left", "2 working days left"},
			[2]string{"còn 1 ngày làm việc", "còn 2 ngày làm việc"}},
		{"mail.status.overdue", nil, [2]string{"1 day overdue", "2 days overdue"}, [2]string{"quá hạn 1 ngày", "quá hạn 2 ngày"}},
		{"matrix.overdue_days", nil, [2]string{"1 day overdue", "2 days overdue"}, [2]string{"Quá hạn 1 ngày", "Quá hạn 2 ngày"}},
		{"board.more", nil, [2]string{"Show 1 more assignment", "Show 2 more assignments"},
			[2]string{"Xem thêm 1 nhiệm vụ", "Xem thêm 2 nhiệm vụ"}},
		{"board.shown", []any{"From", "1", "To", "1"}, [2]string{"Assignments 1–1 of 1", "Assignments 1–1 of 2"},
			[2]string{"Nhiệm vụ 1–1 trên 1", "Nhiệm vụ 1–1 trên 2"}},
		{"matrix.cols_position", []any{"From", "1", "To", "1"}, [2]string{"Tasks 1–1 of 1", "Tasks 1–1 of 2"},
			[2]string{"Nhiệm vụ 1–1 trên 1", "Nhiệm vụ 1–1 trên 2"}},
		{"pager.position", []any{"Page", "1", "Pages", "3"}, [2]string{"Page 1 of 3 (1 item)", "Page 1 of 3 (2 items)"},
			[2]string{"Trang 1/3 (1 mục)", "Trang 1/3 (2 mục)"}},
		{"progress.done_of_total", nil, [2]string{"assignment done", "assignments done"},
			[2]string{"nhiệm vụ đã hoàn thành", "nhiệm vụ đã hoàn thành"}},
		{"scoreboard.not_done", nil, [2]string{"Agencies not done (1)", "Agencies not done (2)"},
			[2]string{"Cơ quan chưa hoàn thành (1)", "Cơ quan chưa hoàn thành (2)"}},
		{"scoreboard.of_ministries", nil, [2]string{"ministry", "ministries"}, [2]string{"bộ, ngành", "bộ, ngành"}},
		{"scoreboard.of_provinces", nil, [2]string{"province", "provinces"}, [2]string{"địa phương", "địa phương"}},
		{"targets.known", nil, [2]string{"1 target with a value", "2 targets with a value"},
			[2]string{"1 chỉ tiêu có số liệu", "2 chỉ tiêu có số liệu"}},
		{"targets.summary", []any{"Met", 0}, [2]string{"0/1 target met", "0/2 targets met"},
			[2]string{"0/1 chỉ tiêu đạt", "0/2 chỉ tiêu đạt"}},
		{"timeliness.days", nil, [2]string{"1 day", "2 days"}, [2]string{"1 ngày", "2 ngày"}},
	}
	tested := map[string]bool{}
	for _, c := range cases {
		tested[c.id] = true
		for i, n := range []int{1, 2} {
			args := append([]any{"N", n}, c.args...)
			if got := r.T(LangEN, c.id, args...); got != c.en[i] {
				t.Errorf("en %s, N=%d: %q, want %q", c.id, n, got, c.en[i])
			}
			if got := r.T(LangVI, c.id, args...); got != c.vi[i] {
				t.Errorf("vi %s, N=%d: %q, want %q", c.id, n, got, c.vi[i])
			}
		}
	}
	for id, forms := range localeMessages(t, LangEN) {
		if _, ok := forms["one"]; ok && !tested[id] {
			t.Errorf("%s has plural forms but no case here", id)
		}
	}
}

// The count N is shown with the language's separators whatever its type,
// in a template's message and in one of the models'; a count that is not a
// number leaves the message untranslated rather than in the wrong form.
func TestCountIsFormattedAndChoosesTheForm(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang string
		n    any
		want string
	}{
		{LangEN, int64(1), "1 task"},
		{LangEN, uint(1234), "1,234 tasks"},
		{LangVI, 1234, "1.234 nhiệm vụ"},
		{LangEN, 0, "0 tasks"},
		{LangEN, "many", "directives.count"},
	}
	for _, c := range cases {
		if got := r.T(c.lang, "directives.count", "N", c.n); got != c.want {
			t.Errorf("T %s N=%v: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := r.Msg(LangEN, models.NewMsg("flash.directive_created", "N", 1)); got != "Task assigned to 1 agency." {
		t.Errorf("a message of the models with N=1: %q", got)
	}
	if got := r.Msg(LangEN, models.NewMsg("flash.directive_created", "N", 1500)); got != "Task assigned to 1,500 agencies." {
		t.Errorf("a message of the models with N=1500: %q", got)
	}
}

// countlessPlaceholders are the placeholders that do not count things, so
// that a message showing only these needs no plural forms.
var countlessPlaceholders = map[string]bool{
	// dates and periods
	"Date": true, "Day": true, "Due": true, "Original": true, "On": true, "Week": true, "Month": true, "Year": true,
	// month numbers, pages and positions: "month 5", "page 1 of 3", "character 17", "#42"
	"M": true, "First": true, "Last": true, "Page": true, "Pages": true, "Offset": true, "ID": true,
	// names, codes and texts
	"Code": true, "Text": true, "Email": true, "Name": true, "URL": true, "Theme": true, "List": true, "Counts": true,
	"Status": true, "From": true, "To": true, "Field": true, "Kind": true, "Values": true, "Goal": true,
	// a share of a goal, "54.3% of the goal reached"
	"Percent": true,
}

// uncountedMessages show a count yet need no singular form in English: the
// count is never 1, or no noun goes with it. The value says which and why.
var uncountedMessages = map[string]string{
	"err.due_soon_count":        "a limit of 5 reminders",
	"err.evidence_ref_too_long": "a limit of 200 characters",
	"err.note_too_long":         "a limit of 4,000 characters",
	"err.owner_name_too_long":   "a limit of 200 characters",
	"err.text_too_long":         "a limit of 4,000 characters",
	"err.title_too_long":        "a limit of 500 characters",
	"err.password_short":        "a minimum of 8 characters (models.MinPasswordLen)",
	"err.password_long":         "a maximum of 72 bytes (models.MaxPasswordBytes)",
	"err.max_page":              "a page number, with no noun to agree with it",
}

var placeholder = regexp.MustCompile(`\{\{\s*\.([A-Za-z0-9_]+)\s*\}\}`)

// Every English message that shows a count has a singular ("one") and a
// plural ("other") form and shows the count as {{.N}}, the argument the
// translator picks the form by, unless it is allowed above; Vietnamese has
// the form "other" only.
func TestCountedMessagesHaveSingularForms(t *testing.T) {
	en := localeMessages(t, LangEN)
	var ids []string
	for id := range en {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		counts := countPlaceholders(en[id])
		_, allowed := uncountedMessages[id]
		switch {
		case allowed && len(en[id]) > 1:
			t.Errorf("%s has plural forms: take it off the allow-list", id)
		case allowed && len(counts) == 0:
			t.Errorf("%s shows no count: take it off the allow-list", id)
		case allowed:
		case len(counts) > 0 && (en[id]["one"] == "" || en[id]["other"] == ""):
			t.Errorf("%s shows a count (%v) but lacks a singular or plural form: %v", id, counts, en[id])
		case len(counts) > 0 && !counts["N"]:
			t.Errorf("%s shows a count as %v: write it as {{.N}} so that it picks the form", id, counts)
		}
	}
	for id := range uncountedMessages {
		if en[id] == nil {
			t.Errorf("allow-listed %s is not in en.json", id)
		}
	}
	for id, forms := range localeMessages(t, LangVI) {
		if len(forms) != 1 || forms["other"] == "" {
			t.Errorf("vi %s: Vietnamese has no plural forms, only \"other\": %v", id, forms)
		}
	}
}

// countPlaceholders are the placeholders of a message's forms that count
// things (those not in countlessPlaceholders).
func countPlaceholders(forms map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, text := range forms {
		for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
			if !countlessPlaceholders[m[1]] {
				out[m[1]] = true
			}
		}
	}
	return out
}
