package store_test

import (
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// reminderStore is the seeded 2023 programme with people to remind: a
// coordinator and an admin, an English-speaking focal point and a leader for
// BTTTT, and a focal point for Hà Nội, which is made inactive.
func reminderStore(t *testing.T) *store.Store {
	t.Helper()
	s := seededStore(t)
	for _, u := range []models.NewUser{
		{Email: "coord@test.vn", Name: "Điều phối", Role: models.RoleCoordinator},
		{Email: "admin@test.vn", Name: "Quản trị", Role: models.RoleAdmin},
		{Email: "focal@test.vn", Name: "Focal", Role: models.RoleFocal, AgencyCode: "BTTTT", Language: "en"},
		{Email: "hn@test.vn", Name: "Đầu mối Hà Nội", Role: models.RoleFocal, AgencyCode: "01"},
	} {
		u.Password = "mat-khau-thu"
		_, err := s.CreateUser(ctx, u)
		must(t, err)
	}
	leader, email, inactive := "Lãnh đạo Bộ", "lanhdao@mic.gov.vn", false
	_, err := s.UpdateAgency(ctx, "BTTTT", store.AgencyPatch{LeaderName: &leader, LeaderEmail: &email})
	must(t, err)
	_, err = s.UpdateAgency(ctx, "01", store.AgencyPatch{Active: &inactive})
	must(t, err)
	return s
}

// countAssignments counts the assignments of active agencies matching where.
func countAssignments(t *testing.T, s *store.Store, where string, args ...any) int {
	t.Helper()
	var n int64
	must(t, s.DB().Model(&models.Assignment{}).Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("agencies.active = ?", true).Where(where, args...).Count(&n).Error)
	return int(n)
}

// itemsOf counts the items of a message per rule.
func itemsOf(m models.ReminderMessage) map[models.ReminderRule]int {
	out := map[models.ReminderRule]int{}
	for _, it := range m.Items {
		out[it.Rule]++
	}
	return out
}

func TestPlanRemindersOnSeededProgramme(t *testing.T) {
	s := reminderStore(t)
	btttt, err := s.AgencyByCode(ctx, "BTTTT")
	must(t, err)
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress}
	var owned models.Assignment
	must(t, s.DB().Where("agency_id = ? AND due_on = ?", btttt.ID, "2023-03-31").Order("id").First(&owned).Error)
	must(t, s.DB().Model(&owned).Updates(map[string]any{"owner_name": "Nguyễn Văn A", "owner_email": "A@Test.vn"}).Error)
	q1 := countAssignments(t, s, "assignments.agency_id = ? AND due_on = ?", btttt.ID, "2023-03-31")
	if q1 < 2 {
		t.Fatalf("BTTTT has %d assignments due 31/03, want several", q1)
	}

	// Monday 03/04/2023 08:00: the Q1 deadline was Friday, w = 1; the weekly
	// digest and April's kick-off are due.
	start := time.Now()
	p, err := s.PlanReminders(ctx, time.Date(2023, 4, 3, 1, 0, 0, 0, time.UTC))
	must(t, err)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("planning took %s", took)
	}
	byEmail := map[string][]models.ReminderMessage{}
	for _, m := range p.Messages {
		byEmail[m.Recipient.Email] = append(byEmail[m.Recipient.Email], m)
	}
	if len(byEmail) != 3 || len(byEmail["hn@test.vn"]) != 0 || len(p.Explanations) != 0 {
		t.Errorf("recipients %v and %d explanations, want the focal point, the owner and the coordinator", keysOf(byEmail), len(p.Explanations))
	}
	// The focal point gets the overdue items and, 03/04 being the first working day of April, the kick-off, in one message.
	focal := byEmail["focal@test.vn"]
	if len(focal) != 1 || focal[0].Recipient.Lang != "en" || itemsOf(focal[0])[models.RuleOverdue] != q1-1 ||
		focal[0].Kickoff == nil || focal[0].Kickoff.Key != "kickoff:2023-04:focal@test.vn" {
		t.Fatalf("focal point messages %+v, want one in English with %d overdue items and the kick-off", focal, q1-1)
	}
	for _, it := range focal[0].Items {
		if it.Level != 0 || it.DaysOverdue != 3 || it.AgencyCode != "BTTTT" || it.ThemeVI == "" || it.Directive == "" {
			t.Errorf("focal item %+v", it)
		}
	}
	if owner := byEmail["a@test.vn"]; len(owner) != 1 || len(owner[0].Items) != 1 || owner[0].Items[0].AssignmentID != owned.ID ||
		owner[0].Recipient.Name != "Nguyễn Văn A" {
		t.Errorf("owner messages %+v, want one item for assignment %d", owner, owned.ID)
	}
	coord := byEmail["coord@test.vn"]
	if len(coord) != 1 || coord[0].Digest == nil || coord[0].Digest.Key != "digest:2023-W14:coord@test.vn" {
		t.Fatalf("coordinator messages %+v, want the digest only", coord)
	}
	d := coord[0].Digest
	overdue := countAssignments(t, s, "status IN ? AND due_on < ?", open, "2023-04-03")
	needWork := countAssignments(t, s, "status IN ?", open)
	if got := d.Ministries.OpenOverdue + d.Provinces.OpenOverdue; got != overdue || d.UnclearTotal != needWork-1 ||
		len(d.Unclear) != 20 || len(d.NewlyOverdue) != overdue || len(d.TopOverdue) != 10 {
		t.Errorf("digest: %d overdue (want %d, all new), %d unclear (want %d), top %d", got, overdue, d.UnclearTotal, needWork-1, len(d.TopOverdue))
	}
	if want := countAssignments(t, s, "agencies.kind = ? AND status IN ? AND due_on < ?", models.KindProvince, open, "2023-04-03"); d.Provinces.OpenOverdue != want {
		t.Errorf("digest: %d provinces' overdue assignments, want %d", d.Provinces.OpenOverdue, want)
	}

	// Friday 31/03, the 25th working day since the programme was loaded
	// (Saturday 25/02): the unclear cadence asks the focal point and the
	// leader to name someone for every BTTTT assignment but the owned one.
	p, err = s.PlanReminders(ctx, time.Date(2023, 3, 31, 1, 0, 0, 0, time.UTC))
	must(t, err)
	unclear := countAssignments(t, s, "assignments.agency_id = ? AND status IN ?", btttt.ID, open) - 1
	for _, m := range p.Messages {
		if n := itemsOf(m)[models.RuleUnclear]; n != unclear || len(m.Items) != n {
			t.Errorf("31/03: %s gets %d unclear items of %d, want %d", m.Recipient.Email, n, len(m.Items), unclear)
		}
	}
	if len(p.Messages) != 2 {
		t.Errorf("31/03: %d messages, want the focal point's and the leader's", len(p.Messages))
	}

	// Saturday: nothing.
	p, err = s.PlanReminders(ctx, time.Date(2023, 4, 8, 1, 0, 0, 0, time.UTC))
	must(t, err)
	if len(p.Messages) != 0 || len(p.Explanations) != 0 {
		t.Errorf("Saturday plan %+v, want nothing", p)
	}

	// Friday 14/04 (w = 10): coordinators too, and explanations for every
	// open Q1 assignment of an active agency but the one already requested.
	must(t, s.DB().Create(&models.ExplanationRequest{AssignmentID: owned.ID, DueOn: "2023-03-31", RequestedAt: seedTime}).Error)
	p, err = s.PlanReminders(ctx, time.Date(2023, 4, 14, 1, 0, 0, 0, time.UTC))
	must(t, err)
	allQ1 := countAssignments(t, s, "status IN ? AND due_on = ?", open, "2023-03-31")
	if len(p.Explanations) != allQ1-1 {
		t.Errorf("%d explanation requests to open, want %d", len(p.Explanations), allQ1-1)
	}
	for _, m := range p.Messages {
		if m.Recipient.Email == "coord@test.vn" && (len(m.Items) != allQ1 || m.Items[0].Level != 2) {
			t.Errorf("coordinator gets %d items (level %d), want %d at level 2", len(m.Items), m.Items[0].Level, allQ1)
		}
		if m.Recipient.Email == "lanhdao@mic.gov.vn" && (len(m.Items) != q1 || m.Recipient.Name != "Lãnh đạo Bộ") {
			t.Errorf("leader message to %q with %d items, want %d", m.Recipient.Name, len(m.Items), q1)
		}
	}
}

func TestPlanRemindersThemeKickoff(t *testing.T) {
	s := reminderStore(t)
	btttt, err := s.AgencyByCode(ctx, "BTTTT")
	must(t, err)
	may, err := s.ThemeForMonth(ctx, plan2023(t, s).ID, 5)
	must(t, err)
	// Thursday 04/05/2023: 1-3 May are holidays, so this is the first working day of May.
	p, err := s.PlanReminders(ctx, time.Date(2023, 5, 4, 1, 0, 0, 0, time.UTC))
	must(t, err)
	want := countAssignments(t, s, "assignments.agency_id = ? AND due_on BETWEEN ? AND ?", btttt.ID, "2023-05-01", "2023-05-31")
	var kickoffs int
	for _, m := range p.Messages {
		if k := m.Kickoff; k != nil {
			kickoffs++
			if k.Key != "kickoff:2023-05:focal@test.vn" || k.ThemeVI != may.TitleVI || k.ThemeEN != may.TitleEN || len(k.Items) != want || want == 0 {
				t.Errorf("kick-off %s: theme %q, %d items, want %q and %d", k.Key, k.ThemeVI, len(k.Items), may.TitleVI, want)
			}
		}
	}
	if kickoffs != 1 {
		t.Errorf("%d kick-off messages, want one (the active focal point)", kickoffs)
	}
}

// keysOf lists a map's keys (for messages).
func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
