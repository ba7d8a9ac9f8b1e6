package models

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// calendar2023 is the fixed calendar of the rule tests: weekends and the
// 2023 holidays (New Year in lieu, Tết 20-26/01, 30/4-1/5 with days in
// lieu, National Day).
func calendar2023() Calendar {
	return NewCalendar([]Day{"2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26",
		"2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04"})
}

// Themes and agencies of the rule tests.
var (
	themeQ1    = &Theme{ID: 1, FirstMonth: 1, LastMonth: 3, TitleVI: "Khởi động", TitleEN: "Launch"}
	themeApril = &Theme{ID: 2, FirstMonth: 4, LastMonth: 4, TitleVI: "Dữ liệu mở", TitleEN: "Open data"}
	themeMay   = &Theme{ID: 3, FirstMonth: 5, LastMonth: 5, TitleVI: "Cơ sở dữ liệu ngành", TitleEN: "Sector databases"}
)

const (
	btttt  uint = 1 // ministry with a leader
	hanoi  uint = 2 // province without a leader
	former uint = 3 // inactive agency
	danang uint = 4 // province with a leader
)

// ruleInput is the small world of the rule tests: four agencies, their
// focal points (one inactive), two coordinators (one inactive) and an admin.
func ruleInput(list ...Assignment) ReminderInput {
	set := DefaultReminderSettings()
	set.WeeklyDigest, set.ThemeKickoff = false, false
	id := func(v uint) *uint { return &v }
	return ReminderInput{Settings: set, Calendar: calendar2023(), Assignments: list,
		Agencies: []Agency{
			{ID: btttt, Code: "BTTTT", Name: "Bộ Thông tin và Truyền thông", Kind: KindMinistry, Active: true, LeaderName: "Lãnh đạo Bộ", LeaderEmail: "Leader@BTTTT.gov.vn"},
			{ID: hanoi, Code: "01", Name: "Hà Nội", Kind: KindProvince, Active: true},
			{ID: former, Code: "OLD", Name: "Tỉnh cũ", Kind: KindProvince, Active: false, LeaderEmail: "old-leader@test.vn"},
			{ID: danang, Code: "48", Name: "Đà Nẵng", Kind: KindProvince, Active: true, LeaderEmail: "dn-leader@test.vn"},
		},
		Users: []User{
			{ID: 1, Email: "admin@test.vn", Name: "Quản trị", Role: RoleAdmin, Language: "vi", Active: true},
			{ID: 2, Email: "coord@test.vn", Name: "Điều phối", Role: RoleCoordinator, Language: "vi", Active: true},
			{ID: 3, Email: "coord-off@test.vn", Name: "Nghỉ", Role: RoleCoordinator, Language: "vi", Active: false},
			{ID: 4, Email: "f1@test.vn", Name: "Đầu mối 1", Role: RoleFocal, AgencyID: id(btttt), Language: "vi", Active: true},
			{ID: 5, Email: "F2@test.vn", Name: "Focal Two", Role: RoleFocal, AgencyID: id(btttt), Language: "en", Active: true},
			{ID: 6, Email: "f-off@test.vn", Name: "Nghỉ", Role: RoleFocal, AgencyID: id(btttt), Language: "vi", Active: false},
			{ID: 7, Email: "h@test.vn", Name: "Đầu mối Hà Nội", Role: RoleFocal, AgencyID: id(hanoi), Language: "vi", Active: true},
			{ID: 8, Email: "old@test.vn", Name: "Đầu mối cũ", Role: RoleFocal, AgencyID: id(former), Language: "vi", Active: true},
		}}
}

// asg is an in-progress assignment of BTTTT with a named owner, created on
// 25/02/2023, due on due; change adjusts it.
func asg(id uint, due Day, change ...func(*Assignment)) Assignment {
	a := Assignment{ID: id, DirectiveID: id, AgencyID: btttt, OwnerName: "Nguyễn Văn A", OwnerEmail: "a@test.vn",
		Status: StatusInProgress, DueOn: due, CreatedAt: time.Date(2023, 2, 25, 2, 0, 0, 0, time.UTC),
		Directive: &Directive{ID: id, ThemeID: themeQ1.ID, Theme: themeQ1, Title: fmt.Sprintf("Nhiệm vụ %d", id), Deliverable: "Kế hoạch"}}
	for _, ch := range change {
		ch(&a)
	}
	return a
}

func noOwner(a *Assignment)              { a.OwnerName, a.OwnerEmail = "", "" }
func inAgency(id uint) func(*Assignment) { return func(a *Assignment) { a.AgencyID = id } }
func status(s Status) func(*Assignment)  { return func(a *Assignment) { a.Status = s } }

// at parses an instant given in UTC (the server's zone in these tests).
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// planKeys lists every key of a plan: item keys, message keys, and
// "explain:a<ID>:<due>" for each explanation request to open, sorted.
func planKeys(p ReminderPlan) []string {
	keys := []string{}
	for _, m := range p.Messages {
		keys = append(keys, m.Keys()...)
	}
	for _, e := range p.Explanations {
		keys = append(keys, fmt.Sprintf("explain:a%d:%s", e.AssignmentID, e.DueOn))
	}
	slices.Sort(keys)
	return keys
}

// hcmZone is the deadlines' time zone; the tests run with time.Local = UTC.
func hcmZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
	return loc
}

func TestReminderKeys(t *testing.T) {
	loc := hcmZone(t)
	q1 := asg(1, "2023-03-31")
	const od = "overdue:a1:2023-03-31:"
	tet := asg(2, "2023-01-27")
	beforeTet := asg(3, "2023-01-19")
	holidayDue := asg(4, "2023-04-30")
	extended := asg(5, "2023-04-28", func(a *Assignment) { a.OriginalDue = "2023-03-31" })
	focal := asg(6, "2023-03-31", noOwner)
	badEmail := asg(6, "2023-03-31", func(a *Assignment) { a.OwnerEmail = "not-an-email" })
	upper := asg(1, "2023-03-31", func(a *Assignment) { a.OwnerEmail = "A.Nguyen@Test.VN" })
	// Created at 01:00 on 01/03 in Hà Nội, still 28/02 in UTC.
	unclearA := asg(7, "2023-06-30", noOwner, func(a *Assignment) { a.CreatedAt = time.Date(2023, 2, 28, 18, 0, 0, 0, time.UTC) })
	hanoiNoOwner := asg(8, "2023-03-31", noOwner, inAgency(hanoi))
	noUnclear := func(s *ReminderSettings) { s.UnclearReminder = false }
	explained := []ExplanationRequest{{AssignmentID: 1, DueOn: "2023-03-31"}}

	cases := []struct {
		name      string
		list      []Assignment
		set       func(*ReminderSettings)
		explained []ExplanationRequest
		at        string
		want      []string
	}{
		{"5 working days before (Fri 24/03)", []Assignment{q1}, nil, nil, "2023-03-24T01:00:00Z", []string{"due_soon:a1:2023-03-31:k5:a@test.vn"}},
		{"4 working days before", []Assignment{q1}, nil, nil, "2023-03-27T01:00:00Z", nil},
		{"1 working day before, 00:00 local", []Assignment{q1}, nil, nil, "2023-03-29T17:00:00Z", []string{"due_soon:a1:2023-03-31:k1:a@test.vn"}},
		{"1 working day before, 23:59 local", []Assignment{q1}, nil, nil, "2023-03-30T16:59:00Z", []string{"due_soon:a1:2023-03-31:k1:a@test.vn"}},
		{"due day, 00:00 local", []Assignment{q1}, nil, nil, "2023-03-30T17:00:00Z", nil},
		{"due day, 23:59 local", []Assignment{q1}, nil, nil, "2023-03-31T16:59:00Z", nil},
		{"Saturday 00:00 local", []Assignment{q1}, nil, nil, "2023-03-31T17:00:00Z", nil},
		{"Sunday", []Assignment{q1}, nil, nil, "2023-04-02T01:00:00Z", nil},
		{"w1, Monday 00:00 local", []Assignment{q1}, nil, nil, "2023-04-02T17:00:00Z", []string{od + "w1:a@test.vn"}},
		{"w2", []Assignment{q1}, nil, nil, "2023-04-04T01:00:00Z", nil},
		{"w3", []Assignment{q1}, nil, nil, "2023-04-05T01:00:00Z", nil},
		{"w4", []Assignment{q1}, nil, nil, "2023-04-06T01:00:00Z", []string{od + "w4:a@test.vn"}},
		{"w5: leader first", []Assignment{q1}, nil, nil, "2023-04-07T01:00:00Z", []string{od + "w5:a@test.vn", od + "w5:leader@btttt.gov.vn"}},
		{"w6", []Assignment{q1}, nil, nil, "2023-04-10T01:00:00Z", nil},
		{"w7", []Assignment{q1}, nil, nil, "2023-04-11T01:00:00Z", []string{od + "w7:a@test.vn", od + "w7:leader@btttt.gov.vn"}},
		{"w10: committee and explanation", []Assignment{q1}, nil, nil, "2023-04-14T01:00:00Z",
			[]string{"explain:a1:2023-03-31", od + "w10:a@test.vn", od + "w10:coord@test.vn", od + "w10:leader@btttt.gov.vn"}},
		{"Saturday after w10: no explanation either", []Assignment{q1}, nil, nil, "2023-04-15T01:00:00Z", nil},
		{"w11: explanation still to open", []Assignment{q1}, nil, nil, "2023-04-17T01:00:00Z", []string{"explain:a1:2023-03-31"}},
		{"w11: explanation already open", []Assignment{q1}, nil, explained, "2023-04-17T01:00:00Z", nil},
		{"w13", []Assignment{q1}, nil, explained, "2023-04-19T01:00:00Z",
			[]string{od + "w13:a@test.vn", od + "w13:coord@test.vn", od + "w13:leader@btttt.gov.vn"}},
		{"Tết: 5 working days before 27/01 is 13/01", []Assignment{tet}, nil, nil, "2023-01-13T01:00:00Z", []string{"due_soon:a2:2023-01-27:k5:a@test.vn"}},
		{"Tết: not on 16/01", []Assignment{tet}, nil, nil, "2023-01-16T01:00:00Z", nil},
		{"Tết: 1 working day before 27/01 is 19/01", []Assignment{tet}, nil, nil, "2023-01-19T01:00:00Z", []string{"due_soon:a2:2023-01-27:k1:a@test.vn"}},
		{"Tết holiday 20/01", []Assignment{tet, beforeTet}, nil, nil, "2023-01-20T01:00:00Z", nil},
		{"Tết holiday 25/01", []Assignment{tet, beforeTet}, nil, nil, "2023-01-25T01:00:00Z", nil},
		{"after Tết: due day of one, w1 of the other", []Assignment{tet, beforeTet}, nil, nil, "2023-01-27T01:00:00Z", []string{"overdue:a3:2023-01-19:w1:a@test.vn"}},
		{"Sunday deadline: 1 working day before is Friday 28/04", []Assignment{holidayDue}, nil, nil, "2023-04-28T01:00:00Z", []string{"due_soon:a4:2023-04-30:k1:a@test.vn"}},
		{"Sunday deadline: holiday 02/05", []Assignment{holidayDue}, nil, nil, "2023-05-02T01:00:00Z", nil},
		{"Sunday deadline: w1 on 04/05", []Assignment{holidayDue}, nil, nil, "2023-05-04T01:00:00Z", []string{"overdue:a4:2023-04-30:w1:a@test.vn"}},
		{"Sunday deadline: w4 on 09/05", []Assignment{holidayDue}, nil, nil, "2023-05-09T01:00:00Z", []string{"overdue:a4:2023-04-30:w4:a@test.vn"}},
		{"extension: not overdue after the original date", []Assignment{extended}, nil, nil, "2023-04-03T01:00:00Z", nil},
		{"extension: due soon before the new date", []Assignment{extended}, nil, nil, "2023-04-21T01:00:00Z", []string{"due_soon:a5:2023-04-28:k5:a@test.vn"}},
		{"extension: overdue after the new date", []Assignment{extended}, nil, nil, "2023-05-04T01:00:00Z", []string{"overdue:a5:2023-04-28:w1:a@test.vn"}},
		{"no owner: active focal points", []Assignment{focal}, noUnclear, nil, "2023-03-30T01:00:00Z",
			[]string{"due_soon:a6:2023-03-31:k1:f1@test.vn", "due_soon:a6:2023-03-31:k1:f2@test.vn"}},
		{"invalid owner e-mail: focal points", []Assignment{badEmail}, noUnclear, nil, "2023-04-03T01:00:00Z",
			[]string{"overdue:a6:2023-03-31:w1:f1@test.vn", "overdue:a6:2023-03-31:w1:f2@test.vn"}},
		{"owner e-mail lower-cased", []Assignment{upper}, nil, nil, "2023-04-03T01:00:00Z", []string{od + "w1:a.nguyen@test.vn"}},
		{"province without leader at w5", []Assignment{hanoiNoOwner}, noUnclear, nil, "2023-04-07T01:00:00Z", []string{"overdue:a8:2023-03-31:w5:h@test.vn"}},
		{"unclear: creation day (local) is c0", []Assignment{unclearA}, nil, nil, "2023-03-01T05:00:00Z", nil},
		{"unclear: c1", []Assignment{unclearA}, nil, nil, "2023-03-02T01:00:00Z",
			[]string{"unclear:a7:c1:f1@test.vn", "unclear:a7:c1:f2@test.vn", "unclear:a7:c1:leader@btttt.gov.vn"}},
		{"unclear: c2", []Assignment{unclearA}, nil, nil, "2023-03-03T01:00:00Z", nil},
		{"unclear: c3", []Assignment{unclearA}, nil, nil, "2023-03-06T01:00:00Z", nil},
		{"unclear: c4", []Assignment{unclearA}, nil, nil, "2023-03-07T01:00:00Z",
			[]string{"unclear:a7:c4:f1@test.vn", "unclear:a7:c4:f2@test.vn", "unclear:a7:c4:leader@btttt.gov.vn"}},
		{"unclear: switched off", []Assignment{unclearA}, noUnclear, nil, "2023-03-07T01:00:00Z", nil},
		{"inactive agency", []Assignment{asg(9, "2023-03-31", inAgency(former))}, nil, nil, "2023-04-03T01:00:00Z", nil},
		{"submitted, done, cancelled", []Assignment{asg(10, "2023-03-31", status(StatusSubmitted)), asg(11, "2023-03-31", status(StatusDone)),
			asg(12, "2023-03-31", status(StatusCancelled))}, nil, nil, "2023-04-14T01:00:00Z", nil},
		{"digest on Monday 09/01", nil, withDigest, nil, "2023-01-09T01:00:00Z", []string{"digest:2023-W02:coord@test.vn"}},
		{"no digest on Monday 02/01 (holiday)", nil, withDigest, nil, "2023-01-02T01:00:00Z", nil},
		{"digest and kick-off on Tuesday 03/01", nil, withDigest, nil, "2023-01-03T01:00:00Z",
			[]string{"digest:2023-W01:coord@test.vn", "kickoff:2023-01:f1@test.vn", "kickoff:2023-01:f2@test.vn", "kickoff:2023-01:h@test.vn"}},
		{"no digest on Tuesday 10/01", nil, withDigest, nil, "2023-01-10T01:00:00Z", nil},
		{"kick-off and digest on Thursday 04/05", nil, withDigest, nil, "2023-05-04T01:00:00Z",
			[]string{"digest:2023-W18:coord@test.vn", "kickoff:2023-05:f1@test.vn", "kickoff:2023-05:f2@test.vn", "kickoff:2023-05:h@test.vn"}},
		{"no kick-off on 05/05", nil, withDigest, nil, "2023-05-05T01:00:00Z", nil},
		{"kick-off on 01/06", nil, withDigest, nil, "2023-06-01T01:00:00Z",
			[]string{"kickoff:2023-06:f1@test.vn", "kickoff:2023-06:f2@test.vn", "kickoff:2023-06:h@test.vn"}},
		{"kick-off and digest on Tuesday 05/09", nil, withDigest, nil, "2023-09-05T01:00:00Z",
			[]string{"digest:2023-W36:coord@test.vn", "kickoff:2023-09:f1@test.vn", "kickoff:2023-09:f2@test.vn", "kickoff:2023-09:h@test.vn"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ruleInput(c.list...)
			in.Explanations, in.Theme = c.explained, themeMay
			if c.set != nil {
				c.set(&in.Settings)
			}
			got := planKeys(PlanReminders(in, at(t, c.at), loc))
			if !slices.Equal(got, c.want) {
				t.Errorf("keys at %s\n got %q\nwant %q", c.at, got, c.want)
			}
		})
	}
}

// withDigest switches on the weekly digest and the theme kick-off.
func withDigest(s *ReminderSettings) { s.WeeklyDigest, s.ThemeKickoff = true, true }
