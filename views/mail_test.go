package views

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"roviec/models"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

func newMailRenderer(t *testing.T) *MailRenderer {
	t.Helper()
	r, err := NewMailRenderer("https://roviec.example.vn/")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Themes of the 2023 programme, as the reminder pass fills them in.
func openData(it models.ReminderItem) models.ReminderItem {
	it.ThemeID, it.ThemeVI, it.ThemeEN = 4, "Dữ liệu mở", "Open data"
	return it
}

func sectorDatabases(it models.ReminderItem) models.ReminderItem {
	it.ThemeID, it.ThemeVI, it.ThemeEN = 5, "Cơ sở dữ liệu chuyên ngành", "Sector databases"
	return it
}

// reminderItems are a focal point's items on 04/05/2023: one of each rule
// and level, over two themes, one title with markup in it.
func reminderItems() []models.ReminderItem {
	return []models.ReminderItem{
		openData(models.ReminderItem{Key: "a7/overdue/0/2023-05-03/1", Rule: models.RuleOverdue, AssignmentID: 7,
			Directive: "Công bố danh mục dữ liệu mở", AgencyCode: "BTTTT", AgencyName: "Bộ Thông tin và Truyền thông",
			DueOn: "2023-05-03", DaysOverdue: 1}),
		sectorDatabases(models.ReminderItem{Key: "a42/overdue/2/2023-04-20/10", Rule: models.RuleOverdue, Level: 2,
			AssignmentID: 42, Directive: "Kết nối <b>& chia sẻ cơ sở dữ liệu", AgencyCode: "66",
			AgencyName: "Tỉnh Đắk Lắk", DueOn: "2023-04-20", DaysOverdue: 14}),
		sectorDatabases(models.ReminderItem{Key: "a43/overdue/1/2023-04-26/5", Rule: models.RuleOverdue, Level: 1,
			AssignmentID: 43, Directive: "Ban hành danh mục cơ sở dữ liệu", AgencyCode: "BTTTT",
			AgencyName: "Bộ Thông tin và Truyền thông", DueOn: "2023-04-26", DaysOverdue: 8}),
		sectorDatabases(models.ReminderItem{Key: "a44/due_soon/0/2023-05-05/1", Rule: models.RuleDueSoon,
			AssignmentID: 44, Directive: "Cập nhật cơ sở dữ liệu chuyên ngành", AgencyCode: "66",
			AgencyName: "Tỉnh Đắk Lắk", DueOn: "2023-05-05", DaysLeft: 1}),
		sectorDatabases(models.ReminderItem{Key: "a45/unclear/0/2023-05-04", Rule: models.RuleUnclear,
			AssignmentID: 45, Directive: "Đánh giá chất lượng dữ liệu", AgencyCode: "66", AgencyName: "Tỉnh Đắk Lắk",
			DueOn: "2023-05-31", Missing: []string{models.MissingOwner, models.MissingOwnerEmail}}),
	}
}

func reminder(lang string) models.ReminderMessage {
	return models.ReminderMessage{Day: "2023-05-04", Items: reminderItems(),
		Recipient: models.Recipient{Email: "nhung@daklak.gov.vn", Name: "Nguyễn Thị Hồng Nhung", Lang: lang}}
}

func digest(lang string) models.ReminderMessage {
	items := reminderItems()
	return models.ReminderMessage{Day: "2023-05-02",
		Recipient: models.Recipient{Email: "vp@roviec.example.vn", Name: "Trần Văn Bình", Lang: lang},
		Digest: &models.Digest{
			Key:        "digest:2023-W18:vp@roviec.example.vn",
			Week:       "2023-W18",
			Ministries: models.DigestCounts{DoneOnTime: 12, DoneLate: 3, OpenOnTrack: 40, OpenOverdue: 5},
			Provinces:  models.DigestCounts{DoneOnTime: 30, DoneLate: 8, OpenOnTrack: 120, OpenOverdue: 31},
			TopOverdue: []models.AgencyOverdue{
				{Code: "66", Name: "Tỉnh Đắk Lắk", Overdue: 4, DaysOverdue: 37},
				{Code: "BTTTT", Name: "Bộ Thông tin và Truyền thông", Overdue: 2, DaysOverdue: 9},
			},
			NewlyOverdue:    items[:1],
			OpenExplanation: items[1:2],
			Unclear:         items[4:],
			UnclearTotal:    12,
		}}
}

func kickoff(lang string) models.ReminderMessage {
	items := reminderItems()
	for i := range items {
		items[i].Rule, items[i].Level, items[i].DaysLeft = models.RuleKickoff, 0, 0
	}
	returned := items[4]
	returned.AssignmentID, returned.Directive, returned.Reason = 46, "Số hóa hồ sơ đất đai", "Thiếu <quyết định> phê duyệt & danh mục"
	return models.ReminderMessage{Day: "2023-05-02",
		Recipient: models.Recipient{Email: "nhung@daklak.gov.vn", Lang: lang},
		Kickoff: &models.Kickoff{Key: "kickoff:2023-05:nhung@daklak.gov.vn", Month: "2023-05", ThemeVI: "Cơ sở dữ liệu chuyên ngành", ThemeEN: "Sector databases",
			Items: []models.ReminderItem{items[3], items[4]}, Overdue: []models.ReminderItem{items[1]}, Returned: []models.ReminderItem{returned}}}
}

// TestRenderGolden compares whole messages with testdata/mail_*.golden
// (go test ./views -run TestRenderGolden -update rewrites them; read the diff).
func TestRenderGolden(t *testing.T) {
	r := newMailRenderer(t)
	for name, m := range map[string]models.ReminderMessage{
		"reminder_vi": reminder(LangVI), "reminder_en": reminder(LangEN),
		"digest_vi": digest(LangVI), "digest_en": digest(LangEN),
		"kickoff_vi": kickoff(LangVI), "kickoff_en": kickoff(LangEN),
	} {
		mail, err := r.Render(m)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := "Subject: " + mail.Subject + "\n\n----- text -----\n" + mail.Text + "----- html -----\n" + mail.HTML
		path := filepath.Join("testdata", "mail_"+name+".golden")
		if *updateGolden {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", name, path, got)
		}
	}
}

func TestRenderSubjects(t *testing.T) {
	r := newMailRenderer(t)
	items := reminderItems()
	overdue := items[1]
	overdue.Level = 0
	three := []models.ReminderItem{items[0], overdue, overdue, items[3]}
	escalated := []models.ReminderItem{items[0], items[2]}
	withItems := func(m models.ReminderMessage, items []models.ReminderItem) models.ReminderMessage {
		m.Items = items
		return m
	}
	cases := []struct {
		m    models.ReminderMessage
		want string
	}{
		{withItems(reminder(LangVI), three), "[Rõ Việc] Nhắc việc 04/05/2023: 3 nhiệm vụ quá hạn, 1 sắp đến hạn"},
		{withItems(reminder(LangEN), three), "[Rõ Việc] Reminder 04/05/2023: 3 overdue, 1 due soon"},
		{withItems(reminder("fr"), items[3:4]), "[Rõ Việc] Nhắc việc 04/05/2023: 1 nhiệm vụ sắp đến hạn"},
		{withItems(reminder(LangVI), items[4:]), "[Rõ Việc] Nhắc việc 04/05/2023: 1 nhiệm vụ chưa rõ người phụ trách"},
		{withItems(reminder(LangVI), escalated), "[Rõ Việc] Báo cáo lãnh đạo · Nhắc việc 04/05/2023: 2 nhiệm vụ quá hạn"},
		{withItems(reminder(LangEN), escalated), "[Rõ Việc] Escalated to the agency leader · Reminder 04/05/2023: 2 overdue"},
		{reminder(LangVI), "[Rõ Việc] Yêu cầu giải trình · Nhắc việc 04/05/2023: 3 nhiệm vụ quá hạn, 1 sắp đến hạn, 1 chưa rõ người phụ trách"},
		{digest(LangVI), "[Rõ Việc] Tổng hợp tuần 2023-W18"},
		{digest(LangEN), "[Rõ Việc] Weekly summary 2023-W18"},
		{kickoff(LangVI), "[Rõ Việc] Chủ đề tháng 05/2023: Cơ sở dữ liệu chuyên ngành"},
		{kickoff(LangEN), "[Rõ Việc] Theme of the month 05/2023: Sector databases"},
		{withItems(kickoff(LangVI), items[3:4]), // a focal point's reminder and the kick-off in one message
			"[Rõ Việc] Nhắc việc 02/05/2023: 1 nhiệm vụ sắp đến hạn · Chủ đề tháng 05/2023: Cơ sở dữ liệu chuyên ngành"},
	}
	for _, c := range cases {
		mail, err := r.Render(c.m)
		if err != nil {
			t.Fatal(err)
		}
		if mail.Subject != c.want {
			t.Errorf("subject %q, want %q", mail.Subject, c.want)
		}
	}
}

func TestRenderEscapesHTMLOnly(t *testing.T) {
	mail, err := newMailRenderer(t).Render(reminder(LangVI))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(mail.Text, "- Kết nối <b>& chia sẻ cơ sở dữ liệu\n") {
		t.Error("the text part does not show the title as written")
	}
	if !strings.Contains(mail.HTML, ">Kết nối &lt;b&gt;&amp; chia sẻ cơ sở dữ liệu</a>") || strings.Contains(mail.HTML, "<b>&") {
		t.Error("the HTML part does not escape the title")
	}
	for _, part := range []string{mail.Text, mail.HTML} {
		for _, want := range []string{"Tỉnh Đắk Lắk", "Bộ Thông tin và Truyền thông", "Nguyễn Thị Hồng Nhung",
			"https://roviec.example.vn/assignments/42", "20/04/2023", "quá hạn 14 ngày", "còn 1 ngày làm việc"} {
			if !strings.Contains(part, want) {
				t.Errorf("a part lacks %q", want)
			}
		}
	}
}

func TestRenderRefusesWhatItCannotSay(t *testing.T) {
	r := newMailRenderer(t)
	empty := reminder(LangVI)
	empty.Items = nil
	if _, err := r.Render(empty); err == nil {
		t.Error("rendered a message with nothing in it")
	}
	unknown := reminder(LangVI)
	unknown.Items[0].Rule = models.RuleDigest
	if _, err := r.Render(unknown); err == nil || !strings.Contains(err.Error(), "a7/overdue") {
		t.Errorf("an item with rule %q: got %v", models.RuleDigest, err)
	}
}

func TestRenderEmptySections(t *testing.T) {
	r := newMailRenderer(t)
	k := kickoff(LangVI)
	k.Kickoff.Items, k.Kickoff.Overdue, k.Kickoff.Returned = nil, nil, nil
	d := digest(LangEN)
	d.Digest = &models.Digest{Week: "2023-W19"}
	for _, c := range []struct {
		m    models.ReminderMessage
		want []string
	}{
		{k, []string{"Cơ quan không có nhiệm vụ đến hạn trong tháng này."}},
		{d, []string{"Newly overdue this week (0)", "None.", "Assignments without a responsible person (total 0)"}},
	} {
		mail, err := r.Render(c.m)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range c.want {
			if !strings.Contains(mail.Text, want) || !strings.Contains(mail.HTML, want) {
				t.Errorf("%s: a part lacks %q", mail.Subject, want)
			}
		}
		if strings.Contains(mail.Text, "assignments/") {
			t.Errorf("%s: links to an assignment", mail.Subject)
		}
	}
}

// TestRenderListsAHundredItemsAndCountsTheRest renders a coordinator's
// message of 1,234 escalations: the first hundred are listed, the rest
// counted with a link, and the subject still counts them all.
func TestRenderListsAHundredItemsAndCountsTheRest(t *testing.T) {
	m := reminder(LangEN)
	m.Items = nil
	for i := range 1234 {
		m.Items = append(m.Items, openData(models.ReminderItem{Key: fmt.Sprintf("a%d/overdue/2/2023-04-20/10", i+1),
			Rule: models.RuleOverdue, Level: 2, AssignmentID: uint(i + 1), Directive: "Công bố danh mục dữ liệu mở",
			AgencyCode: "66", AgencyName: "Tỉnh Đắk Lắk", DueOn: "2023-04-20", DaysOverdue: 14}))
	}
	mail, err := newMailRenderer(t).Render(m)
	if err != nil {
		t.Fatal(err)
	}
	more := "… and 1,134 more assignments. See them all in Rõ Việc: https://roviec.example.vn"
	for name, body := range map[string]string{"text": mail.Text, "html": mail.HTML} {
		if n := strings.Count(body, "/assignments/"); n != 100 {
			t.Errorf("%s lists %d assignments, want 100", name, n)
		}
		if !strings.Contains(body, more) {
			t.Errorf("%s does not say %q", name, more)
		}
	}
	if !strings.Contains(mail.Subject, "1,234") {
		t.Errorf("subject %q does not count every item", mail.Subject)
	}
}

// TestRenderDigestListsAHundredOfEach: a national digest's newly overdue
// work is counted in full in its heading and listed a hundred at a time.
func TestRenderDigestListsAHundredOfEach(t *testing.T) {
	m := digest(LangEN)
	m.Digest.NewlyOverdue = nil
	for i := range 250 {
		m.Digest.NewlyOverdue = append(m.Digest.NewlyOverdue, openData(models.ReminderItem{Key: fmt.Sprintf("k%d", i),
			Rule: models.RuleDigest, AssignmentID: uint(1000 + i), Directive: "Công bố danh mục dữ liệu mở",
			AgencyCode: "66", AgencyName: "Tỉnh Đắk Lắk", DueOn: "2023-04-28", DaysOverdue: 4}))
	}
	mail, err := newMailRenderer(t).Render(m)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"text": mail.Text, "html": mail.HTML} {
		if n := strings.Count(body, "/assignments/10"); n < 100 || n > 101 {
			t.Errorf("%s lists %d of the newly overdue, want 100", name, n)
		}
		if !strings.Contains(body, "250") || !strings.Contains(body, "… and 150 more assignments.") {
			t.Errorf("%s does not count all 250 newly overdue", name)
		}
	}
}
