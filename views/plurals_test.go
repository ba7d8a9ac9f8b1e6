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
		{"work.days_overdue", nil, [2]string{"1 day overdue", "2 days overdue"}, [2]string{"Quá hạn 1 ngày", "Quá hạn 2 ngày"}},
		{"review.done", nil, [2]string{"1 task handled:", "2 tasks handled:"}, [2]string{"Đã xử lý 1 nhiệm vụ:", "Đã xử lý 2 nhiệm vụ:"}},
		{"review.refused", nil, [2]string{"1 task could not be handled:", "2 tasks could not be handled:"},
			[2]string{"1 nhiệm vụ không xử lý được:", "2 nhiệm vụ không xử lý được:"}},
		{"review.days_waiting", nil, [2]string{"Waiting 1 day", "Waiting 2 days"}, [2]string{"Chờ 1 ngày", "Chờ 2 ngày"}},
		{"flash.urged", nil, [2]string{"1 agency urged.", "2 agencies urged."}, [2]string{"Đã đôn đốc 1 cơ quan.", "Đã đôn đốc 2 cơ quan."}},
		{"flash.urged_some", nil, [2]string{"1 agency urged; the others were urged today already or are no longer overdue.",
			"2 agencies urged; the others were urged today already or are no longer overdue."},
			[2]string{"Đã đôn đốc 1 cơ quan; các cơ quan còn lại đã được đôn đốc hôm nay hoặc không còn quá hạn.",
				"Đã đôn đốc 2 cơ quan; các cơ quan còn lại đã được đôn đốc hôm nay hoặc không còn quá hạn."}},
		{"work.more", nil, [2]string{"1 more task", "2 more tasks"}, [2]string{"Còn 1 việc nữa", "Còn 2 việc nữa"}},
		{"flash.directive_created", nil, [2]string{"Task assigned to 1 agency.", "Task assigned to 2 agencies."},
			[2]string{"Đã giao nhiệm vụ cho 1 cơ quan.", "Đã giao nhiệm vụ cho 2 cơ quan."}},
		{"mail.count.due_soon", nil, [2]string{"1 due soon", "2 due soon"}, [2]string{"1 sắp đến hạn", "2 sắp đến hạn"}},
		{"mail.count.due_soon_first", nil, [2]string{"1 due soon", "2 due soon"},
			[2]string{"1 nhiệm vụ sắp đến hạn", "2 nhiệm vụ sắp đến hạn"}},
		{"mail.count.overdue", nil, [2]string{"1 overdue", "2 overdue"}, [2]string{"1 quá hạn", "2 quá hạn"}},
		{"err.comment_edit_closed", nil, [2]string{"A comment may be edited only within 1 minute of sending it.",
			"A comment may be edited only within 2 minutes of sending it."},
			[2]string{"Ý kiến chỉ sửa được trong 1 phút sau khi gửi.", "Ý kiến chỉ sửa được trong 2 phút sau khi gửi."}},
		{"notify.bell_unread", nil, [2]string{"Notifications (1 unread)", "Notifications (2 unread)"},
			[2]string{"Thông báo (1 chưa đọc)", "Thông báo (2 chưa đọc)"}},
		{"mail.notify.subject_now", nil, [2]string{"1 new notification", "2 new notifications"},
			[2]string{"1 thông báo mới", "2 thông báo mới"}},
		{"mail.notify.subject_digest", nil, [2]string{"Daily digest: 1 notification", "Daily digest: 2 notifications"},
			[2]string{"Tổng hợp trong ngày: 1 thông báo", "Tổng hợp trong ngày: 2 thông báo"}},
		{"mail.notify.intro_now", nil, [2]string{"1 new thing concerns you or your agency:", "2 new things concern you or your agency:"},
			[2]string{"Có 1 việc mới liên quan đến anh/chị hoặc cơ quan:", "Có 2 việc mới liên quan đến anh/chị hoặc cơ quan:"}},
		{"mail.notify.intro_digest", nil, [2]string{"1 thing concerned you or your agency since the last digest:",
			"2 things concerned you or your agency since the last digest:"},
			[2]string{"Tổng hợp 1 việc liên quan đến anh/chị hoặc cơ quan từ lần trước:",
				"Tổng hợp 2 việc liên quan đến anh/chị hoặc cơ quan từ lần trước:"}},
		{"mail.notify.more", []any{"URL", "https://roviec.vn"}, [2]string{"1 more notification: see https://roviec.vn",
			"2 more notifications: see https://roviec.vn"},
			[2]string{"Còn 1 thông báo khác: xem tại https://roviec.vn", "Còn 2 thông báo khác: xem tại https://roviec.vn"}},
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
		{"public.done_agencies", nil, [2]string{"Done (1 agency)", "Done (2 agencies)"},
			[2]string{"Đã hoàn thành (1 cơ quan)", "Đã hoàn thành (2 cơ quan)"}},
		{"scoreboard.of_ministries", nil, [2]string{"ministry", "ministries"}, [2]string{"bộ, ngành", "bộ, ngành"}},
		{"scoreboard.of_provinces", nil, [2]string{"province", "provinces"}, [2]string{"địa phương", "địa phương"}},
		{"targets.known", nil, [2]string{"1 target with a value", "2 targets with a value"},
			[2]string{"1 chỉ tiêu có số liệu", "2 chỉ tiêu có số liệu"}},
		{"targets.summary", []any{"Met", 0}, [2]string{"0/1 target met", "0/2 targets met"},
			[2]string{"0/1 chỉ tiêu đạt", "0/2 chỉ tiêu đạt"}},
		{"err.login_throttled", nil, [2]string{"Too many failed logins. Please try again in 1 second.",
			"Too many failed logins. Please try again in 2 seconds."},
			[2]string{"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 giây.", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 2 giây."}},
		{"err.reset_throttled", nil,
			[2]string{"Too many password reset requests. Please try again in 1 minute.",
				"Too many password reset requests. Please try again in 2 minutes."},
			[2]string{"Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau 1 phút.",
				"Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau 2 phút."}},
		{"err.link_expired", nil,
			[2]string{"This link has expired (it works for 1 hour). Use “Forgot your password?” for a new link, or ask an administrator to invite you again.",
				"This link has expired (it works for 2 hours). Use “Forgot your password?” for a new link, or ask an administrator to invite you again."},
			[2]string{"Liên kết đã hết hạn (chỉ dùng được trong 1 giờ). Hãy chọn “Quên mật khẩu?” để nhận liên kết mới, hoặc nhờ quản trị viên mời lại.",
				"Liên kết đã hết hạn (chỉ dùng được trong 2 giờ). Hãy chọn “Quên mật khẩu?” để nhận liên kết mới, hoặc nhờ quản trị viên mời lại."}},
		{"flash.user_invited", nil,
			[2]string{"Account created and invitation sent; the link in it works once within 1 hour.",
				"Account created and invitation sent; the link in it works once within 2 hours."},
			[2]string{"Đã tạo tài khoản và gửi thư mời; liên kết trong thư dùng được một lần trong 1 giờ.",
				"Đã tạo tài khoản và gửi thư mời; liên kết trong thư dùng được một lần trong 2 giờ."}},
		{"flash.user_reinvited", nil,
			[2]string{"Invitation sent again; the old link no longer works, the new one works within 1 hour.",
				"Invitation sent again; the old link no longer works, the new one works within 2 hours."},
			[2]string{"Đã gửi lại thư mời; liên kết cũ không còn dùng được, liên kết mới dùng được trong 1 giờ.",
				"Đã gửi lại thư mời; liên kết cũ không còn dùng được, liên kết mới dùng được trong 2 giờ."}},
		{"mail.password.expiry", []any{"Time", "09:00", "Date", "28/02/2023"},
			[2]string{"The link works once, until 09:00 on 28/02/2023 (1 hour after it was sent).",
				"The link works once, until 09:00 on 28/02/2023 (2 hours after it was sent)."},
			[2]string{"Liên kết chỉ dùng được một lần, đến 09:00 ngày 28/02/2023 (1 giờ kể từ khi gửi).",
				"Liên kết chỉ dùng được một lần, đến 09:00 ngày 28/02/2023 (2 giờ kể từ khi gửi)."}},
		{"password.forgot_intro", nil,
			[2]string{"Enter your account's e-mail. If there is an account, we will send that address a link to set a new password, which works once within 1 hour.",
				"Enter your account's e-mail. If there is an account, we will send that address a link to set a new password, which works once within 2 hours."},
			[2]string{"Nhập e-mail của tài khoản. Nếu có tài khoản, chúng tôi sẽ gửi tới địa chỉ đó một liên kết để đặt mật khẩu mới, dùng được một lần trong 1 giờ.",
				"Nhập e-mail của tài khoản. Nếu có tài khoản, chúng tôi sẽ gửi tới địa chỉ đó một liên kết để đặt mật khẩu mới, dùng được một lần trong 2 giờ."}},
		{"flash.reset_sent", nil,
			[2]string{"If this address has an account, we have sent it a link to reset the password. The link works once within 1 hour; check your spam folder too.",
				"If this address has an account, we have sent it a link to reset the password. The link works once within 2 hours; check your spam folder too."},
			[2]string{"Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu tới đó. Liên kết dùng được một lần trong 1 giờ; hãy xem cả thư mục thư rác.",
				"Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu tới đó. Liên kết dùng được một lần trong 2 giờ; hãy xem cả thư mục thư rác."}},
		{"agency.finished", nil, [2]string{"1 task done or cancelled", "2 tasks done or cancelled"},
			[2]string{"1 nhiệm vụ đã xong hoặc đã hủy", "2 nhiệm vụ đã xong hoặc đã hủy"}},
		{"agency.overdue_heading", nil, [2]string{"1 task overdue", "2 tasks overdue, longest overdue first"},
			[2]string{"1 nhiệm vụ quá hạn, quá hạn lâu nhất trước", "2 nhiệm vụ quá hạn, quá hạn lâu nhất trước"}},
		{"timeliness.days", nil, [2]string{"1 day", "2 days"}, [2]string{"1 ngày", "2 ngày"}},
		{"import.count_directives", nil, [2]string{"1 task", "2 tasks"}, [2]string{"1 nhiệm vụ", "2 nhiệm vụ"}},
		{"import.count_assignments", nil, [2]string{"1 assignment to an agency", "2 assignments to agencies"},
			[2]string{"1 lượt giao cho cơ quan", "2 lượt giao cho cơ quan"}},
		{"flash.import_done", nil, [2]string{"Imported 1 task from the file.", "Imported 2 tasks from the file."},
			[2]string{"Đã nhập 1 nhiệm vụ từ tệp.", "Đã nhập 2 nhiệm vụ từ tệp."}},
		{"err.import_rows_invalid", nil,
			[2]string{"1 row has errors; nothing was imported. Fix the file and upload it again.",
				"2 rows have errors; nothing was imported. Fix the file and upload it again."},
			[2]string{"1 dòng có lỗi; chưa nhập gì. Sửa tệp rồi tải lên lại.", "2 dòng có lỗi; chưa nhập gì. Sửa tệp rồi tải lên lại."}},
		{"report.directives", nil, [2]string{"Each task (1)", "Each task (2)"}, [2]string{"Từng nhiệm vụ (1)", "Từng nhiệm vụ (2)"}},
		{"report.laggards", nil, [2]string{"Agency behind (1)", "Agencies behind (2)"},
			[2]string{"Cơ quan chậm tiến độ (1)", "Cơ quan chậm tiến độ (2)"}},
		{"report.explanations", nil, [2]string{"Unanswered explanation request (1)", "Unanswered explanation requests (2)"},
			[2]string{"Yêu cầu giải trình chưa trả lời (1)", "Yêu cầu giải trình chưa trả lời (2)"}},
		{"report.more_explanations", nil, [2]string{"and 1 more request", "and 2 more requests"},
			[2]string{"và 1 yêu cầu khác", "và 2 yêu cầu khác"}},
		{"letter.agency_overdue", nil, [2]string{"1 task overdue", "2 tasks overdue"},
			[2]string{"1 nhiệm vụ quá hạn", "2 nhiệm vụ quá hạn"}},
		{"letter.more", nil, [2]string{"and 1 more overdue task", "and 2 more overdue tasks"},
			[2]string{"và 1 nhiệm vụ quá hạn khác", "và 2 nhiệm vụ quá hạn khác"}},
		{"err.token_too_many", nil, [2]string{"A person may hold at most 1 live access token; revoke one you no longer use.",
			"A person may hold at most 2 live access tokens; revoke one you no longer use."},
			[2]string{"Mỗi người có tối đa 1 mã truy cập còn hiệu lực; hãy thu hồi mã không dùng.",
				"Mỗi người có tối đa 2 mã truy cập còn hiệu lực; hãy thu hồi mã không dùng."}},
		{"merge.more", nil, [2]string{"Only the first 1 agency is shown: search by name or code to narrow the list.",
			"Only the first 2 agencies are shown: search by name or code to narrow the list."},
			[2]string{"Chỉ hiện 1 cơ quan đầu tiên: hãy tìm theo tên hoặc mã để thu hẹp.", "Chỉ hiện 2 cơ quan đầu tiên: hãy tìm theo tên hoặc mã để thu hẹp."}},
		{"league.urged", nil, [2]string{"1 agency urged:", "2 agencies urged:"}, [2]string{"Đã đôn đốc 1 cơ quan:", "Đã đôn đốc 2 cơ quan:"}},
		{"league.urged_line", nil, [2]string{"1 overdue task urged;", "2 overdue tasks urged;"},
			[2]string{"1 nhiệm vụ quá hạn được đôn đốc;", "2 nhiệm vụ quá hạn được đôn đốc;"}},
		{"league.urged_skipped", nil, [2]string{"1 task skipped, urged today already;", "2 tasks skipped, urged today already;"},
			[2]string{"1 nhiệm vụ đã được đôn đốc hôm nay nên bỏ qua;", "2 nhiệm vụ đã được đôn đốc hôm nay nên bỏ qua;"}},
		{"league.urged_messages", nil, [2]string{"1 e-mail sent.", "2 e-mails sent."}, [2]string{"đã gửi 1 thư.", "đã gửi 2 thư."}},
		{"league.urge_refused", nil, [2]string{"1 agency could not be urged:", "2 agencies could not be urged:"},
			[2]string{"1 cơ quan không đôn đốc được:", "2 cơ quan không đôn đốc được:"}},
		{"mail.notice.urge_agency.subject", nil, [2]string{"Please act on 1 overdue task", "Please act on 2 overdue tasks"},
			[2]string{"Đôn đốc thực hiện 1 nhiệm vụ quá hạn", "Đôn đốc thực hiện 2 nhiệm vụ quá hạn"}},
		{"err.hook_secret", nil, [2]string{"The secret must have at least 1 character and at most 200.",
			"The secret must have at least 2 characters and at most 200."},
			[2]string{"Khóa bí mật cần từ 1 đến 200 ký tự.", "Khóa bí mật cần từ 2 đến 200 ký tự."}},
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
	// month numbers, clock times, pages and positions: "month 5", "08:00", "page 1 of 3", "character 17", "#42", "version 3"
	"M": true, "Row": true, "Time": true, "First": true, "Last": true, "Page": true, "Pages": true, "Offset": true, "ID": true, "Version": true,
	// names, codes and texts
	"Code": true, "Text": true, "Value": true, "Email": true, "Name": true, "URL": true, "Theme": true, "List": true, "Counts": true,
	"Status": true, "Event": true, "Title": true, "From": true, "To": true, "Field": true, "Kind": true, "Values": true, "Goal": true,
	"Into": true, "IntoName": true, // a merged agency's successor
	// a size with its unit, "10 MB"
	"Size": true,
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
	"err.too_long":              "a limit of 200 to 2,000 characters",
	"err.title_too_long":        "a limit of 500 characters",
	"err.password_short":        "a minimum of 8 characters (models.MinPasswordLen)",
	"err.password_long":         "a maximum of 72 bytes (models.MaxPasswordBytes)",
	"account.password_intro":    "a minimum of 8 characters (models.MinPasswordLen)",
	"password.set_intro":        "a minimum of 8 characters (models.MinPasswordLen)",
	"err.max_page":              "a page number, with no noun to agree with it",
	"err.audit_actor_long":      "a limit of 254 characters (models.MaxAuditActorLen)",
	"err.audit_entity_id_long":  "a limit of 64 characters",
	"err.bulk_ids_too_many":     "a limit of 200 tasks (models.MaxBulkIDs)",
	"err.import_too_many_rows":  "a limit of 1,000 tasks (imports.MaxRows)",
	"err.merge_from_too_many":   "a limit of 100 agencies (models.MaxMergeFrom)",
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
