package store_test

import (
	"errors"
	"fmt"
	"math"
	"roviec/models/store"
	"testing"
	"time"

	"roviec/models"
)

func TestTargetIsMetAtTheBoundary(t *testing.T) {
	tests := []struct {
		comparator string
		target     float64
		value      float64
		want       bool
	}{
		{">", 30, 30, false},
		{">", 30, 30.01, true},
		{">", 30, 29.99, false},
		{">=", 100, 100, true},
		{">=", 100, 99.99, false},
		{">=", 40, 40, true},
		{">=", 40, 41, true},
	}
	for _, tc := range tests {
		tg := models.Target{Comparator: tc.comparator, Value: tc.target}
		if got := tg.IsMet(tc.value); got != tc.want {
			t.Errorf("%v %s %v: met = %v, want %v", tc.value, tc.comparator, tc.target, got, tc.want)
		}
	}
}

// move takes an assignment through the workflow as the coordinator at a
// moment: "done" (submitted with evidence, then accepted), "submitted" or "cancelled".
func move(t *testing.T, s *store.Store, by *models.User, id uint, to models.Status, at time.Time) {
	t.Helper()
	steps := map[models.Status][]models.AssignmentChange{
		models.StatusDone: {{Status: statusp(models.StatusSubmitted), EvidenceRef: str("12/QĐ")},
			{Status: statusp(models.StatusDone)}},
		models.StatusSubmitted: {{Status: statusp(models.StatusSubmitted), EvidenceRef: str("12/QĐ")}},
		models.StatusCancelled: {{Status: statusp(models.StatusCancelled), Note: "Không còn phù hợp"}},
	}
	for _, ch := range steps[to] {
		if _, err := s.UpdateAssignment(ctx, by, &models.Assignment{ID: id}, ch, at); err != nil {
			t.Fatalf("move %d to %s: %v", id, to, err)
		}
	}
}

// handCount counts agencies done and not cancelled among assignments, by kind.
func handCount(list []models.Assignment) map[models.AgencyKind][2]int {
	out := map[models.AgencyKind][2]int{}
	for _, a := range list {
		if a.Status == models.StatusCancelled {
			continue
		}
		n := out[a.Agency.Kind]
		n[1]++
		if a.Status == models.StatusDone {
			n[0]++
		}
		out[a.Agency.Kind] = n
	}
	return out
}

// TestAgenciesTargetRollUp moves some assignments of the directive serving
// target D3 through the workflow on two days and compares the computed share,
// split by ministries and provinces, with a count made here, today and as of
// a day between the two, and with the trajectory.
func TestAgenciesTargetRollUp(t *testing.T) {
	s := seededStore(t)
	plan := plan2023(t, s)
	coord, err := s.CreateUser(ctx, models.NewUser{Email: "dp@test.vn", Name: "Điều phối", Role: models.RoleCoordinator, Password: "mat-khau-thu"})
	must(t, err)
	target, err := s.TargetByCode(ctx, plan.ID, "D3")
	must(t, err)
	var d models.Directive
	must(t, s.DB().Where("target_id = ?", target.ID).First(&d).Error)
	list, _, err := s.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: d.ID, Page: store.Page{PerPage: 500}}, seedTime)
	must(t, err)
	models.SortAssignmentsByAgency(list) // 30 ministries, then 63 provinces
	if len(list) != 93 {
		t.Fatalf("%d assignments, want 93", len(list))
	}
	mins, prov := list[:30], list[30:]
	march, april := hn(t, 2023, 3, 10, 10, 0), hn(t, 2023, 4, 5, 10, 0)
	for _, a := range []models.Assignment{mins[0], mins[1], prov[0], prov[1], prov[2]} {
		move(t, s, coord, a.ID, models.StatusDone, march)
	}
	for _, a := range []models.Assignment{mins[2], prov[3], prov[4]} {
		move(t, s, coord, a.ID, models.StatusDone, april)
	}
	move(t, s, coord, mins[3].ID, models.StatusCancelled, april)
	move(t, s, coord, prov[5].ID, models.StatusCancelled, april)
	move(t, s, coord, mins[4].ID, models.StatusSubmitted, april)
	now := hn(t, 2023, 5, 2, 9, 0)

	check := func(asOf models.Day, wantMin, wantProv [2]int) {
		t.Helper()
		rebuilt, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{DirectiveID: d.ID}, asOf, now)
		must(t, err)
		count := handCount(rebuilt)
		if count[models.KindMinistry] != wantMin || count[models.KindProvince] != wantProv {
			t.Fatalf("as of %s the hand count is %v, want ministries %v provinces %v", asOf, count, wantMin, wantProv)
		}
		done, total := wantMin[0]+wantProv[0], wantMin[1]+wantProv[1]
		p, err := s.TargetProgressOf(ctx, target, asOf, now)
		must(t, err)
		got := fmt.Sprintf("%d/%d %d/%d %d/%d", p.Ministries.Done, p.Ministries.Total, p.Provinces.Done, p.Provinces.Total, p.Overall.Done, p.Overall.Total)
		want := fmt.Sprintf("%d/%d %d/%d %d/%d", wantMin[0], wantMin[1], wantProv[0], wantProv[1], done, total)
		if got != want || p.Value == nil || *p.Value != 100*float64(done)/float64(total) || p.Met || p.AsOf != asOf {
			t.Errorf("as of %s: %s value %v met %v, want %s value %v not met", asOf, got, p.Value, p.Met, want, 100*float64(done)/float64(total))
		}
		all, err := s.TargetProgressList(ctx, plan.ID, asOf, now)
		must(t, err)
		for _, q := range all {
			if q.Target.Code == "D3" && (q.Overall != p.Overall || q.Ministries != p.Ministries || q.Provinces != p.Provinces) {
				t.Errorf("as of %s the list says %+v, the target alone %+v", asOf, q.Overall, p.Overall)
			}
		}
		if len(all) != 36 {
			t.Errorf("%d targets listed, want 36", len(all))
		}
	}
	check("2023-03-31", [2]int{2, 30}, [2]int{3, 63})
	check("2023-05-02", [2]int{3, 29}, [2]int{5, 62})

	points, err := s.TargetTrajectory(ctx, target, 2023, "2023-04-15", now)
	must(t, err)
	mid, err := s.TargetProgressOf(ctx, target, "2023-04-15", now)
	must(t, err)
	if last := points[len(points)-1]; last.Value == nil || mid.Value == nil || *last.Value != *mid.Value {
		t.Errorf("the trajectory ends at %v, the value as of that day is %v", last.Value, mid.Value)
	}
	want := []string{"2023-01-31 <nil>", "2023-02-28 0", "2023-03-31 5.376", "2023-04-15 8.791"}
	if len(points) != len(want) {
		t.Fatalf("%d points, want %d: %+v", len(points), len(want), points)
	}
	for i, p := range points {
		got := string(p.Day) + " <nil>"
		if p.Value != nil {
			got = fmt.Sprintf("%s %.4g", p.Day, *p.Value)
		}
		if got != want[i] || p.Baseline {
			t.Errorf("point %d = %s (baseline %v), want %s", i, got, p.Baseline, want[i])
		}
	}
}

// TestTargetProgressListOfTheSeededPlan checks the list's shape on the
// untouched programme: agencies targets at 0% of 93, national ones unknown.
func TestTargetProgressListOfTheSeededPlan(t *testing.T) {
	s := seededStore(t)
	plan := plan2023(t, s)
	list, err := s.TargetProgressList(ctx, plan.ID, "", seedTime)
	must(t, err)
	for _, p := range list {
		switch p.Target.Scope {
		case models.ScopeAgencies:
			if p.Value == nil || *p.Value != 0 || p.Overall.Total != 93 || p.Ministries.Total != 30 || len(p.Directives) != 1 || p.Met {
				t.Errorf("%s: %+v", p.Target.Code, p)
			}
		case models.ScopeNational:
			if p.Value != nil || p.Met || p.Target.ResponsibleAgency == nil {
				t.Errorf("%s: value %v, responsible %v", p.Target.Code, p.Value, p.Target.ResponsibleAgency)
			}
		}
		if p.AsOf != "2023-02-25" {
			t.Errorf("%s as of %s, want today", p.Target.Code, p.AsOf)
		}
	}
}

// nationalTarget adds a national percentage target of the fixture's plan,
// reported by BTTTT, with a baseline of 30.
func nationalTarget(t *testing.T, f *fixture) *models.Target {
	t.Helper()
	var btttt models.Agency
	must(t, f.s.DB().Where("code = ?", "BTTTT").First(&btttt).Error)
	base := 30.0
	tg := &models.Target{PlanID: f.theme.PlanID, Code: "S9", Pillar: "society", StatementVI: "Hộ gia đình có Internet",
		Comparator: ">", Value: 50, Unit: models.UnitPercent, Scope: models.ScopeNational, Baseline: &base, ResponsibleAgencyID: &btttt.ID}
	must(t, f.s.DB().Create(tg).Error)
	return tg
}

func TestReportTargetValue(t *testing.T) {
	f := newFixture(t)
	tg := nationalTarget(t, f)
	now := hn(t, 2023, 4, 10, 9, 0)
	report := func(who string, value float64, asOf, source string) error {
		_, err := f.s.ReportTargetValue(ctx, f.users[who], tg.ID, value, asOf, source, "", now)
		return err
	}
	for _, who := range []string{"focal2", "viewer", "inactive"} {
		if err := report(who, 40, "2023-03-01", "Tổng cục Thống kê"); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s: %v, want forbidden", who, err)
		}
	}
	invalid := []struct {
		value        float64
		asOf, source string
		field        string
	}{
		{101, "2023-03-01", "TCTK", "value"},
		{-0.5, "2023-03-01", "TCTK", "value"},
		{math.NaN(), "2023-03-01", "TCTK", "value"},
		{40, "2023-02-30", "TCTK", "as_of"},
		{40, "", "TCTK", "as_of"},
		{40, "2023-04-11", "TCTK", "as_of"},
		{40, "2023-03-01", "  ", "source"},
	}
	for _, tc := range invalid {
		err := report("coordinator", tc.value, tc.asOf, tc.source)
		var ve *models.ValidationError
		if !errors.As(err, &ve) || ve.Fields[tc.field].ID == "" || len(ve.Fields) != 1 {
			t.Errorf("%v %q %q: %v, want a message for %s only", tc.value, tc.asOf, tc.source, err, tc.field)
		}
	}
	if _, err := f.s.ReportTargetValue(ctx, f.users["admin"], 9999, 40, "2023-03-01", "TCTK", "", now); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown target: %v", err)
	}

	// The history is kept; the value in force is the latest date, the latest entry among equal dates.
	must(t, report("focal", 40, "2023-01-15", "Báo cáo BTTTT"))
	must(t, report("coordinator", 45, "10/04/2023", "Báo cáo VPCP")) // today is allowed
	must(t, report("admin", 47, "2023-04-10", "Báo cáo sửa lại"))
	must(t, report("focal", 42, "2023-03-02", "Báo cáo bổ sung")) // entered last, dated earlier
	history, err := f.s.TargetValues(ctx, tg.ID)
	must(t, err)
	var got []string
	for _, v := range history {
		got = append(got, fmt.Sprintf("%s %g %s", v.AsOf, v.Value, v.EnteredBy.Name))
	}
	if fmt.Sprint(got) != "[2023-04-10 47 admin 2023-04-10 45 coordinator 2023-03-02 42 focal 2023-01-15 40 focal]" {
		t.Errorf("history = %v", got)
	}
	for asOf, want := range map[models.Day]float64{"2023-04-10": 47, "2023-03-31": 42, "2023-01-31": 40} {
		p, err := f.s.TargetProgressOf(ctx, tg, asOf, now)
		must(t, err)
		if p.Value == nil || *p.Value != want || p.Reported == nil || p.Met {
			t.Errorf("as of %s: value %v, want %v (not met)", asOf, p.Value, want)
		}
	}
	p, err := f.s.TargetProgressOf(ctx, tg, "2023-01-14", now)
	must(t, err)
	if p.Value != nil || p.Met {
		t.Errorf("before any value: %v", p.Value)
	}
	must(t, report("focal", 50.5, "2023-04-10", "Báo cáo cuối"))
	list, err := f.s.TargetProgressList(ctx, f.theme.PlanID, "", now)
	must(t, err)
	if len(list) != 1 || list[0].Value == nil || *list[0].Value != 50.5 || !list[0].Met {
		t.Errorf("list: %+v", list)
	}

	points, err := f.s.TargetTrajectory(ctx, tg, 2023, "2023-04-09", now)
	must(t, err)
	var line []string
	for _, pt := range points {
		s := string(pt.Day) + " -"
		if pt.Value != nil {
			s = fmt.Sprintf("%s %g", pt.Day, *pt.Value)
		}
		if pt.Baseline {
			s += " baseline"
		}
		line = append(line, s)
	}
	want := "[2022-12-31 30 baseline 2023-01-31 40 2023-02-28 40 2023-03-31 42 2023-04-09 42]"
	if fmt.Sprint(line) != want {
		t.Errorf("trajectory = %v\nwant %s", line, want)
	}
}

func TestReportOnAnAgenciesTargetIsRefused(t *testing.T) {
	f := newFixture(t)
	tg := &models.Target{PlanID: f.theme.PlanID, Code: "D9", Comparator: ">=", Value: 100, Unit: models.UnitPercent, Scope: models.ScopeAgencies}
	must(t, f.s.DB().Create(tg).Error)
	_, err := f.s.ReportTargetValue(ctx, f.users["coordinator"], tg.ID, 50, "2023-02-01", "TCTK", "", seedTime)
	var ve *models.ValidationError
	if !errors.As(err, &ve) || ve.Fields["value"].ID == "" {
		t.Errorf("coordinator reporting a computed target: %v, want 422", err)
	}
	if _, err := f.s.ReportTargetValue(ctx, f.users["focal"], tg.ID, 50, "2023-02-01", "TCTK", "", seedTime); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("focal point reporting a target without a responsible ministry: %v, want forbidden", err)
	}
}
