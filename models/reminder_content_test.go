package models

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// itemIDs lists the assignments of items, in order.
func itemIDs(items []ReminderItem) []uint {
	ids := []uint{}
	for _, it := range items {
		ids = append(ids, it.AssignmentID)
	}
	return ids
}

// messageTo finds the item message of a recipient.
func messageTo(t *testing.T, p ReminderPlan, email string) ReminderMessage {
	t.Helper()
	for _, m := range p.Messages {
		if m.Recipient.Email == email && m.Digest == nil && m.Kickoff == nil {
			return m
		}
	}
	t.Fatalf("no message to %s", email)
	return ReminderMessage{}
}

func inTheme(th *Theme) func(*Assignment) {
	return func(a *Assignment) { a.Directive.ThemeID, a.Directive.Theme = th.ID, th }
}

func TestReminderMessagesMergePerRecipient(t *testing.T) {
	loc := hcmZone(t)
	in := ruleInput(
		asg(1, "2023-03-31"),
		asg(2, "2023-03-31", noOwner, inAgency(hanoi)),
		asg(3, "2023-03-31", inAgency(danang), func(a *Assignment) { a.OwnerName, a.OwnerEmail = "Trần B", "b@test.vn" }),
		asg(4, "2023-04-21", noOwner, inTheme(themeApril)),
		asg(5, "2023-03-31", noOwner),
		asg(6, "2023-03-31", inAgency(danang), func(a *Assignment) { a.OwnerEmail = "DN-Leader@test.vn" }),
	)
	in.Settings.UnclearReminder = false
	p := PlanReminders(in, at(t, "2023-04-14T01:00:00Z"), loc) // w10 for 31/03; 5 working days before 21/04

	var emails []string
	for _, m := range p.Messages {
		emails = append(emails, m.Recipient.Email)
		if m.Day != "2023-04-14" || m.Digest != nil || m.Kickoff != nil {
			t.Errorf("message to %s: day %s, digest %v, kick-off %v", m.Recipient.Email, m.Day, m.Digest, m.Kickoff)
		}
	}
	want := []string{"a@test.vn", "b@test.vn", "coord@test.vn", "dn-leader@test.vn", "f1@test.vn", "f2@test.vn", "h@test.vn", "leader@btttt.gov.vn"}
	if !slices.Equal(emails, want) {
		t.Errorf("recipients %q, want one message each for %q", emails, want)
	}
	// Ministry first ("Bộ" < "Đà Nẵng" < "Hà Nội" in Vietnamese order), then directive.
	coord := messageTo(t, p, "coord@test.vn")
	if ids := itemIDs(coord.Items); !slices.Equal(ids, []uint{1, 5, 3, 6, 2}) {
		t.Errorf("coordinator items %v, want 1 5 3 6 2", ids)
	}
	for _, it := range coord.Items {
		if it.Level != 2 || it.DaysOverdue != 14 || it.Rule != RuleOverdue || it.ThemeVI != themeQ1.TitleVI {
			t.Errorf("coordinator item %+v: want level 2, 14 days overdue, theme Q1", it)
		}
	}
	uid := uint(2)
	if coord.Recipient != (Recipient{Email: "coord@test.vn", Name: "Điều phối", Lang: "vi", UserID: coord.Recipient.UserID}) || coord.Recipient.UserID == nil || *coord.Recipient.UserID != uid {
		t.Errorf("coordinator recipient %+v", coord.Recipient)
	}
	// A focal point in English gets the overdue (Q1) item before the due-soon (April) one.
	f2 := messageTo(t, p, "f2@test.vn")
	if f2.Recipient.Name != "Focal Two" || f2.Recipient.Lang != "en" || f2.Recipient.UserID == nil || *f2.Recipient.UserID != 5 {
		t.Errorf("f2 recipient %+v", f2.Recipient)
	}
	if ids := itemIDs(f2.Items); !slices.Equal(ids, []uint{5, 4}) {
		t.Fatalf("f2 items %v, want 5 4", ids)
	}
	if soon := f2.Items[1]; soon.Rule != RuleDueSoon || soon.DaysLeft != 5 || soon.DaysOverdue != 0 || soon.ThemeEN != "Open data" || soon.Directive != "Nhiệm vụ 4" {
		t.Errorf("due-soon item %+v", soon)
	}
	// A named owner without an account: the name from the assignment, in Vietnamese.
	if b := messageTo(t, p, "b@test.vn"); b.Recipient != (Recipient{Email: "b@test.vn", Name: "Trần B", Lang: "vi"}) || len(b.Items) != 1 {
		t.Errorf("owner message %+v", b)
	}
	// The owner who is also the leader gets assignment 6 once.
	if ids := itemIDs(messageTo(t, p, "dn-leader@test.vn").Items); !slices.Equal(ids, []uint{3, 6}) {
		t.Errorf("Đà Nẵng leader items %v, want 3 6", ids)
	}
	var opened []uint
	for _, e := range p.Explanations {
		opened = append(opened, e.AssignmentID)
		if e.DueOn != "2023-03-31" {
			t.Errorf("explanation %+v: want the missed deadline 31/03", e)
		}
	}
	if !slices.Equal(opened, []uint{1, 2, 3, 5, 6}) {
		t.Errorf("explanations for %v, want 1 2 3 5 6", opened)
	}
}

func TestWeeklyDigestContent(t *testing.T) {
	loc := hcmZone(t)
	done := func(completed Day) func(*Assignment) {
		return func(a *Assignment) { a.Status, a.CompletedOn = StatusDone, completed }
	}
	answered := time.Date(2023, 3, 30, 3, 0, 0, 0, time.UTC)
	in := ruleInput(
		asg(1, "2023-03-31", done("2023-03-30")),
		asg(2, "2023-03-15", done("2023-03-20")),
		asg(3, "2023-03-31"),
		asg(4, "2023-03-24", noOwner, inAgency(hanoi)),
		asg(5, "2023-03-28", noOwner, func(a *Assignment) { a.Status, a.SubmittedOn = StatusSubmitted, "2023-03-29" }),
		asg(6, "2023-04-30", noOwner, inAgency(danang), inTheme(themeApril)),
		asg(7, "2023-03-01", inAgency(danang), status(StatusCancelled)),
		asg(8, "2023-03-01", inAgency(former)),
		asg(10, "2023-03-24", inAgency(danang)),
		asg(11, "2023-03-20"),
	)
	in.Settings.WeeklyDigest = true
	now := at(t, "2023-04-03T01:00:00Z")
	for i := range in.Assignments {
		a := &in.Assignments[i]
		if info := ClassifyTimeliness(a, now, loc); info.Class != "" {
			in.AgencyCounts = append(in.AgencyCounts, AgencyClassCount{AgencyID: a.AgencyID, Class: info.Class, N: 1,
				DaysOverdue: info.DaysOverdue})
		}
	}
	in.Explanations = []ExplanationRequest{{AssignmentID: 11, DueOn: "2023-03-20"}, {AssignmentID: 4, DueOn: "2023-03-24", AnsweredAt: &answered}}
	p := PlanReminders(in, at(t, "2023-04-03T01:00:00Z"), loc)

	var digests []ReminderMessage
	for _, m := range p.Messages {
		if m.Digest != nil {
			digests = append(digests, m)
		}
	}
	if len(digests) != 1 || digests[0].Digest.Key != "digest:2023-W14:coord@test.vn" ||
		len(digests[0].Items) != 1 || digests[0].Items[0].Level != 2 {
		t.Fatalf("digests %+v, want one to the active coordinator, carrying the level-2 escalation with it", digests)
	}
	d := digests[0].Digest
	if d.Ministries != (DigestCounts{DoneOnTime: 1, DoneLate: 1, OpenOverdue: 3}) || d.Provinces != (DigestCounts{OpenOnTrack: 1, OpenOverdue: 2}) {
		t.Errorf("counts %+v / %+v", d.Ministries, d.Provinces)
	}
	wantTop := []AgencyOverdue{{"BTTTT", "Bộ Thông tin và Truyền thông", 3, 23}, {"48", "Đà Nẵng", 1, 10}, {"01", "Hà Nội", 1, 10}}
	if !reflect.DeepEqual(d.TopOverdue, wantTop) {
		t.Errorf("top overdue %+v, want %+v", d.TopOverdue, wantTop)
	}
	if ids := itemIDs(d.NewlyOverdue); !slices.Equal(ids, []uint{5, 3}) {
		t.Errorf("newly overdue %v, want 5 (due 28/03) and 3 (due 31/03)", ids)
	}
	if ids := itemIDs(d.Unclear); !slices.Equal(ids, []uint{4, 6}) || d.UnclearTotal != 2 {
		t.Errorf("unclear %v (total %d), want 4 6", ids, d.UnclearTotal)
	} else if !slices.Equal(d.Unclear[0].Missing, []string{MissingOwner, MissingOwnerEmail}) {
		t.Errorf("unclear item misses %q", d.Unclear[0].Missing)
	}
	if len(d.OpenExplanation) != 1 || d.OpenExplanation[0].AssignmentID != 11 || d.OpenExplanation[0].DaysOverdue != 14 {
		t.Errorf("open explanations %+v, want assignment 11, 14 days overdue", d.OpenExplanation)
	}
}

func TestWeeklyDigestListsTwentyUnclear(t *testing.T) {
	var list []Assignment
	for id := uint(1); id <= 25; id++ {
		list = append(list, asg(id, "2023-06-30", noOwner))
	}
	in := ruleInput(list...)
	in.Settings.WeeklyDigest = true
	p := PlanReminders(in, at(t, "2023-04-03T01:00:00Z"), hcmZone(t))
	for _, m := range p.Messages {
		if m.Digest != nil && (len(m.Digest.Unclear) != 20 || m.Digest.UnclearTotal != 25) {
			t.Errorf("digest lists %d unclear of %d, want 20 of 25", len(m.Digest.Unclear), m.Digest.UnclearTotal)
		}
	}
}

func TestThemeKickoffContent(t *testing.T) {
	in := ruleInput(
		asg(1, "2023-05-31", inTheme(themeMay)),
		asg(2, "2023-05-15", inTheme(themeMay), status(StatusNotStarted)),
		asg(3, "2023-05-20", inTheme(themeMay), status(StatusDone)),
		asg(4, "2023-06-30", inTheme(themeMay)),
	)
	in.Settings.ThemeKickoff, in.Theme = true, themeMay
	p := PlanReminders(in, at(t, "2023-05-04T01:00:00Z"), hcmZone(t))
	got := map[string][]uint{}
	for _, m := range p.Messages {
		if k := m.Kickoff; k != nil {
			if k.Month != "2023-05" || k.ThemeVI != "Cơ sở dữ liệu ngành" || k.ThemeEN != "Sector databases" || len(m.Items) != 0 {
				t.Errorf("kick-off %+v", m)
			}
			got[m.Recipient.Email] = itemIDs(k.Items)
		}
	}
	want := map[string][]uint{"f1@test.vn": {2, 1}, "f2@test.vn": {2, 1}, "h@test.vn": {}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kick-off items %v, want %v", got, want)
	}
}

// The kick-off also lists the agency's overdue work, most days first (a
// province five weeks late on its plan is told so, not "nothing due"),
// and its returned submissions with their reasons.
func TestThemeKickoffListsOverdueAndReturned(t *testing.T) {
	in := ruleInput(
		asg(1, "2023-05-31", inTheme(themeMay)),
		asg(2, "2023-03-31"),
		asg(3, "2023-04-20", status(StatusNotStarted)),
		asg(4, "2023-03-31", status(StatusSubmitted)), // waits for review, not for the agency
		asg(5, "2023-06-30"),                          // returned, not yet due
	)
	in.Settings.ThemeKickoff, in.Theme = true, themeMay
	in.Returned = map[uint]string{5: "Thiếu quyết định kèm theo", 4: "trả lại trước đây"}
	p := PlanReminders(in, at(t, "2023-05-04T01:00:00Z"), hcmZone(t))
	found := false
	for _, m := range p.Messages {
		k := m.Kickoff
		if k == nil || m.Recipient.Email != "f1@test.vn" {
			continue
		}
		found = true
		if !reflect.DeepEqual(itemIDs(k.Items), []uint{1}) || !reflect.DeepEqual(itemIDs(k.Overdue), []uint{2, 3}) ||
			!reflect.DeepEqual(itemIDs(k.Returned), []uint{5}) || k.Returned[0].Reason != "Thiếu quyết định kèm theo" ||
			k.Overdue[0].DaysOverdue != 34 {
			t.Errorf("kick-off: due %v, overdue %v, returned %+v", itemIDs(k.Items), itemIDs(k.Overdue), k.Returned)
		}
	}
	if !found {
		t.Fatal("no kick-off for f1@test.vn")
	}
}

// TestPlannerInPartsPlansAsTheWhole: a pass planned one assignment at a time,
// in reverse order, makes the plan of the whole: the same messages (items,
// recipients, names, digest with its short lists cut, kick-offs) and the same
// explanation requests.
func TestPlannerInPartsPlansAsTheWhole(t *testing.T) {
	loc := hcmZone(t)
	named := func(name, email string) func(*Assignment) {
		return func(a *Assignment) { a.OwnerName, a.OwnerEmail = name, email }
	}
	var list []Assignment
	for id := uint(1); id <= 30; id++ {
		list = append(list, asg(id, "2023-06-30", noOwner, inTheme(themeMay))) // unclear: more than the digest lists
	}
	list = append(list,
		asg(31, "2023-03-20"), asg(32, "2023-03-24", noOwner, inAgency(hanoi)),
		asg(33, "2023-04-10", inAgency(danang), named("Trần B", "b@test.vn")),
		asg(34, "2023-04-18", inAgency(danang), inTheme(themeApril), named("Tên khác", "B@test.vn")), // same address, another name
		asg(35, "2023-03-28", noOwner, func(a *Assignment) { a.Status, a.SubmittedOn = StatusSubmitted, "2023-03-29" }),
		asg(36, "2023-04-03", inAgency(danang), named("Lãnh đạo", "dn-leader@test.vn")),
		asg(37, "2023-03-01", inAgency(former)),
	)
	in := ruleInput(list...)
	in.Settings.WeeklyDigest, in.Settings.ThemeKickoff, in.Theme = true, true, themeMay
	in.Explanations = []ExplanationRequest{{AssignmentID: 31, DueOn: "2023-03-20"}, {AssignmentID: 32, DueOn: "2023-03-24"}}
	for _, moment := range []string{"2023-04-11T01:00:00Z", "2023-04-17T01:00:00Z", "2023-05-04T01:00:00Z", "2023-04-03T01:00:00Z"} {
		now := at(t, moment)
		whole := PlanReminders(in, now, loc)
		p := NewReminderPlanner(in, now, loc)
		for i := len(in.Assignments) - 1; i >= 0; i-- {
			a := in.Assignments[i]
			var mine []ExplanationRequest
			for _, e := range in.Explanations {
				if e.AssignmentID == a.ID {
					mine = append(mine, e)
				}
			}
			p.Add([]Assignment{a}, mine)
		}
		if parts := p.Plan(); !reflect.DeepEqual(parts, whole) {
			t.Errorf("%s: planned in parts\n%+v\nwhole\n%+v", moment, parts, whole)
		}
		if len(whole.Messages) == 0 {
			t.Errorf("%s: nothing planned", moment)
		}
	}
	// 11/04: assignment 33 is overdue and 34 due soon, both to b@test.vn,
	// named after the lower assignment even when it comes last.
	if m := messageTo(t, PlanReminders(in, at(t, "2023-04-11T01:00:00Z"), loc), "b@test.vn"); len(m.Items) != 2 || m.Recipient.Name != "Trần B" {
		t.Errorf("b@test.vn: %d items, named %q; want 2, Trần B", len(m.Items), m.Recipient.Name)
	}
}
