package models_test

import (
	"fmt"
	"testing"

	"roviec/models"
)

func TestCanMatrix(t *testing.T) {
	const own, other uint = 7, 8
	actions := []models.Action{models.ActRead, models.ActManageUsers, models.ActManageAgencies, models.ActManagePlans,
		models.ActWriteDirective, models.ActUpdateAssignment, models.ActReview, models.ActReportTarget, models.ActReadAudit,
		models.ActReadEvidence, models.ActImport, models.ActMakeMeetingPack, models.ActPublishPlan}
	// allowed[role] lists what the role may do; for a focal point,
	// "update_assignment", "report_target" and "read_evidence" mean for the
	// user's own agency only.
	allowed := map[models.Role][]models.Action{
		models.RoleAdmin: actions,
		models.RoleCoordinator: {models.ActRead, models.ActReadEvidence, models.ActManagePlans, models.ActWriteDirective,
			models.ActUpdateAssignment, models.ActReview, models.ActReportTarget, models.ActImport, models.ActMakeMeetingPack},
		models.RoleFocal:  {models.ActRead, models.ActUpdateAssignment, models.ActReportTarget, models.ActReadEvidence},
		models.RoleViewer: {models.ActRead, models.ActReadEvidence},
	}
	for _, role := range models.Roles {
		for _, act := range actions {
			for _, agency := range []uint{own, other} {
				want := false
				for _, a := range allowed[role] {
					want = want || a == act
				}
				ownOnly := act == models.ActUpdateAssignment || act == models.ActReportTarget || act == models.ActReadEvidence
				if role == models.RoleFocal && ownOnly && agency == other {
					want = false
				}
				agencyID := own
				u := &models.User{ID: 1, Role: role, Active: true, AgencyID: &agencyID}
				name := fmt.Sprintf("%s/%s/agency %d", role, act, agency)
				if got := models.Can(u, act, agency); got != want {
					t.Errorf("%s: Can = %v, want %v", name, got, want)
				}
				u.Active = false
				if models.Can(u, act, agency) {
					t.Errorf("%s: an inactive user may act", name)
				}
			}
			if models.Can(nil, act, own) {
				t.Errorf("nil user may %s", act)
			}
		}
	}
	if models.Can(&models.User{Role: models.RoleFocal, Active: true}, models.ActUpdateAssignment, 0) {
		t.Error("a focal point without an agency may update an assignment")
	}
	if models.Can(&models.User{Role: models.RoleFocal, Active: true}, models.ActReportTarget, 0) {
		t.Error("a focal point without an agency may report a target without a responsible ministry")
	}
	if models.Can(&models.User{Role: "superuser", Active: true}, models.ActRead, own) {
		t.Error("an unknown role may read")
	}
}

func TestAssessClarity(t *testing.T) {
	full := models.Directive{Deliverable: "Kế hoạch"}
	clear := models.Assignment{OwnerName: "Nguyễn Văn An", OwnerEmail: "an@mic.gov.vn", DueOn: "2023-03-31"}
	with := func(change func(a *models.Assignment)) models.Assignment {
		a := clear
		change(&a)
		return a
	}
	tests := []struct {
		name string
		a    models.Assignment
		d    *models.Directive
		want []string
	}{
		{"clear person, task and timeline", clear, &full, nil},
		{"no owner", with(func(a *models.Assignment) { a.OwnerName = "" }), &full, []string{models.MissingOwner}},
		{"no owner e-mail", with(func(a *models.Assignment) { a.OwnerEmail = "" }), &full, []string{models.MissingOwnerEmail}},
		{"an owner e-mail that is not one", with(func(a *models.Assignment) { a.OwnerEmail = "an at mic" }), &full, []string{models.MissingOwnerEmail}},
		{"an e-mail with a display name", with(func(a *models.Assignment) { a.OwnerEmail = "An <an@mic.gov.vn>" }), &full, []string{models.MissingOwnerEmail}},
		{"no deliverable", clear, &models.Directive{}, []string{models.MissingDeliverable}},
		{"no directive", clear, nil, []string{models.MissingDeliverable}},
		{"no due date", with(func(a *models.Assignment) { a.DueOn = "" }), &full, []string{models.MissingDueDate}},
		{"nothing", models.Assignment{}, &models.Directive{},
			[]string{models.MissingOwner, models.MissingOwnerEmail, models.MissingDeliverable, models.MissingDueDate}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := models.AssessClarity(&tc.a, tc.d)
			if got.Clear != (len(tc.want) == 0) || fmt.Sprint(got.Missing) != fmt.Sprint(tc.want) || got.Missing == nil {
				t.Errorf("AssessClarity = %+v, want missing %v", got, tc.want)
			}
		})
	}
}

// TestPermissionsFollowCan checks that what pages ask (Permissions) is what
// the one gate (Can) answers for every role.
func TestPermissionsFollowCan(t *testing.T) {
	for _, role := range models.Roles {
		u := &models.User{Role: role, Active: true}
		p := models.PermissionsOf(u)
		for act, got := range map[models.Action]bool{models.ActManageUsers: p.ManageUsers,
			models.ActManageAgencies: p.ManageAgencies, models.ActManagePlans: p.ManagePlans,
			models.ActWriteDirective: p.WriteDirective, models.ActReview: p.Review,
			models.ActManageReminders: p.ManageReminders, models.ActReadAudit: p.ReadAudit,
			models.ActMakeMeetingPack: p.MakeMeetingPack} {
			if want := models.Can(u, act, 0); got != want {
				t.Errorf("%s %s: permissions say %v, Can says %v", role, act, got, want)
			}
		}
	}
	if models.PermissionsOf(nil) != (models.Permissions{}) {
		t.Error("an anonymous visitor may do something")
	}
}
