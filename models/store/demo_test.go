package store_test

import (
	"errors"
	"fmt"
	"roviec/models/store"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/seed"
)

const planTitle = "Ban hành Kế hoạch chuyển đổi số năm 2023 của bộ, ngành, địa phương, nhấn mạnh chủ đề Năm Dữ liệu số quốc gia"

// demoStore is a seeded store with the demo loaded, and the credentials it printed.
func demoStore(t *testing.T) (*store.Store, []seed.DemoCredential) {
	t.Helper()
	s := seededStore(t)
	creds, err := seed.SeedDemo(ctx, s, s.Location())
	must(t, err)
	return s, creds
}

func TestSeedDemoAccounts(t *testing.T) {
	s, creds := demoStore(t)
	if len(creds) != 95 || creds[0].Email != "coordinator@demo.roviec.vn" || creds[0].Role != models.RoleCoordinator ||
		creds[1].Email != "viewer@demo.roviec.vn" || creds[1].Role != models.RoleViewer {
		t.Fatalf("credentials: %d, first %+v", len(creds), creds[:2])
	}
	for _, c := range creds {
		if len(c.Password) < 12 {
			t.Errorf("%s has a weak password %q", c.Email, c.Password)
		}
	}
	if u, err := s.Authenticate(ctx, creds[2].Email, creds[2].Password); err != nil || u.Role != models.RoleFocal {
		t.Errorf("log in as %s: %v", creds[2].Email, err)
	}
	agencies, err := s.ListAgencies(ctx, store.AgencyFilter{})
	must(t, err)
	leaders := 0
	for _, a := range agencies {
		var u models.User
		email := "focal." + strings.ToLower(a.Code) + "@demo.roviec.vn"
		if err := s.DB().Where("email = ?", email).First(&u).Error; err != nil {
			t.Errorf("%s: no focal point %s", a.Name, email)
			continue
		}
		if u.Role != models.RoleFocal || u.AgencyID == nil || *u.AgencyID != a.ID || !u.Active || u.Name == "" {
			t.Errorf("%s: focal point %+v does not belong to the agency", a.Name, u)
		}
		if a.LeaderName != "" {
			leaders++
			if a.LeaderEmail != "lanhdao."+strings.ToLower(a.Code)+"@demo.roviec.vn" {
				t.Errorf("%s: leader e-mail %q", a.Name, a.LeaderEmail)
			}
		}
	}
	if leaders == 0 || leaders == len(agencies) {
		t.Errorf("%d of %d agencies have a leader, want some", leaders, len(agencies))
	}

	before := tableCounts(t, s)
	again, err := seed.SeedDemo(ctx, s, s.Location())
	if err != nil || again != nil {
		t.Errorf("second run: %d credentials, %v", len(again), err)
	}
	if after := tableCounts(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("second run changed the tables: %v -> %v", before, after)
	}
}

func TestSeedDemoNeedsTheProgramme(t *testing.T) {
	s := newStore(t)
	if _, err := seed.SeedDemo(ctx, s, s.Location()); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("want ErrNotFound without the 2023 programme, got %v", err)
	}
	if n := count(t, s, "users"); n != 0 {
		t.Errorf("%d users created", n)
	}
}

// TestSeedDemoPlanSituation checks the record of seed 002: by the end of
// 25/02/2023, 6 of 30 ministries and 29 of 63 provinces had their plan accepted.
func TestSeedDemoPlanSituation(t *testing.T) {
	s, _ := demoStore(t)
	var d models.Directive
	must(t, s.DB().Where("title = ?", planTitle).First(&d).Error)
	endOf25Feb := time.Date(2023, 2, 26, 0, 0, 0, 0, s.Location())
	for kind, want := range map[models.AgencyKind]int64{models.KindMinistry: 6, models.KindProvince: 29} {
		q := func() *gorm.DB {
			return s.DB().Model(&models.Assignment{}).Joins("JOIN agencies ON agencies.id = assignments.agency_id").
				Where("assignments.directive_id = ? AND agencies.kind = ?", d.ID, kind)
		}
		var done, accepted int64
		must(t, q().Where("assignments.status = ? AND assignments.completed_on <= ?", models.StatusDone, "2023-02-25").Count(&done).Error)
		must(t, q().Joins("JOIN updates ON updates.assignment_id = assignments.id").
			Where("updates.to_status = ? AND updates.at < ?", models.StatusDone, endOf25Feb.UTC()).Count(&accepted).Error)
		if done != want || accepted != want {
			t.Errorf("%s: %d done by 25/02/2023, %d accepted by then in the history; want %d", kind, done, accepted, want)
		}
	}
	list, _, err := s.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: d.ID, Page: store.Page{PerPage: 100}}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	must(t, err)
	classes := map[models.Timeliness]int{}
	for i := range list {
		a := &list[i]
		classes[models.ClassifyTimeliness(a, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), s.Location()).Class]++
		if a.Status == models.StatusDone && a.CompletedOn <= "2023-02-25" &&
			(!strings.HasPrefix(a.EvidenceRef, "Kế hoạch số ") || !strings.Contains(a.EvidenceRef, "/KH-") ||
				!strings.Contains(a.EvidenceRef, " ngày ") || a.EvidenceDate.IsZero() || a.EvidenceDate > a.CompletedOn) {
			t.Errorf("%s: evidence %q dated %s", a.Agency.Name, a.EvidenceRef, a.EvidenceDate)
		}
	}
	if classes[models.DoneOnTime] <= 35 || classes[models.DoneLate] == 0 || classes[models.OpenOverdue] == 0 {
		t.Errorf("the plan directive's classes at the end of 2023: %v; want more than the 35 early ones on time, some late, some still open", classes)
	}
}

func TestSeedDemoHistory(t *testing.T) {
	s, _ := demoStore(t)
	loc := s.Location()
	var updates []models.Update
	must(t, s.DB().Order("assignment_id, at, id").Find(&updates).Error)
	last := map[uint]models.Update{}
	for _, u := range updates {
		if u.At.Year() != 2023 || u.At.In(loc).Year() != 2023 || u.UserID == nil {
			t.Errorf("update %d at %s by %v", u.ID, u.At, u.UserID)
		}
		if prev, ok := last[u.AssignmentID]; ok && (prev.ToStatus != u.FromStatus || !prev.At.Before(u.At)) {
			t.Errorf("assignment %d: update %+v does not follow %+v", u.AssignmentID, u, prev)
		}
		last[u.AssignmentID] = u
	}
	var list []models.Assignment
	must(t, s.DB().Preload("Directive").Find(&list).Error)
	seen := map[string]int{}
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range list {
		a := &list[i]
		u, ok := last[a.ID]
		switch {
		case !ok && a.Status != models.StatusNotStarted:
			t.Errorf("assignment %d is %s without history", a.ID, a.Status)
		case ok && (u.ToStatus != a.Status || u.Progress != a.Progress || !u.At.Equal(a.UpdatedAt)):
			t.Errorf("assignment %d is %s %d%% (updated %s) but its last update says %s %d%% at %s",
				a.ID, a.Status, a.Progress, a.UpdatedAt, u.ToStatus, u.Progress, u.At)
		}
		seen[string(a.Status)]++
		if models.AssessClarity(a, a.Directive).Clear {
			seen["clear"]++
		} else if a.OwnerName != "" {
			seen["named, no e-mail"]++
		}
		if a.Status == models.StatusInProgress && a.Progress > 0 && a.Progress < 100 {
			seen["in progress with progress"]++
		}
		if info := models.ClassifyTimeliness(a, now, loc); info.Class == models.OpenOverdue && a.DueOn > "2023-06-01" {
			seen["overdue in later months"]++
		}
	}
	for _, what := range []string{string(models.StatusNotStarted), string(models.StatusSubmitted), string(models.StatusDone), "clear",
		"named, no e-mail", "in progress with progress", "overdue in later months"} {
		if seen[what] == 0 {
			t.Errorf("the demo has no %q assignment: %v", what, seen)
		}
	}
}

// TestSeedDemoDeterministic loads the demo into two databases: the same story both times.
func TestSeedDemoDeterministic(t *testing.T) {
	digest := func(s *store.Store) string {
		var b strings.Builder
		var list []models.Assignment
		must(t, s.DB().Preload("Agency").Order("id").Find(&list).Error)
		for _, a := range list {
			fmt.Fprintln(&b, a.DirectiveID, a.Agency.Code, a.Status, a.Progress, a.SubmittedOn, a.CompletedOn, a.OwnerName, a.OwnerEmail, a.EvidenceRef)
		}
		var updates []models.Update
		must(t, s.DB().Order("id").Find(&updates).Error)
		for _, u := range updates {
			fmt.Fprintln(&b, u.AssignmentID, u.At.UTC(), u.FromStatus, u.ToStatus, u.Note)
		}
		var agencies []models.Agency
		must(t, s.DB().Order("id").Find(&agencies).Error)
		for _, a := range agencies {
			fmt.Fprintln(&b, a.Code, a.LeaderName, a.LeaderEmail)
		}
		return b.String()
	}
	s1, _ := demoStore(t)
	s2, _ := demoStore(t)
	if d1, d2 := digest(s1), digest(s2); d1 != d2 {
		t.Error("two runs of the demo differ")
	}
}
