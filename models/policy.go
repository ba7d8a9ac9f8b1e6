package models

// Action is something a user may try to do. Every permission decision in the
// application goes through Can, so the rules live in this one file.
type Action string

// Actions checked by Can.
const (
	ActRead             Action = "read"              // boards, directives, assignments, agencies
	ActManageUsers      Action = "manage_users"      // list, create, deactivate users, reset passwords
	ActManageAgencies   Action = "manage_agencies"   // edit agency names, leaders, active flag
	ActManagePlans      Action = "manage_plans"      // create and edit plans and themes, copy a plan
	ActWriteDirective   Action = "write_directive"   // create and edit directives and their assignments
	ActUpdateAssignment Action = "update_assignment" // report on an assignment (needs the assignment's agency)
	ActReview           Action = "review"            // accept, return or cancel an assignment; decide extensions
	ActManageReminders  Action = "manage_reminders"  // holidays, reminder settings, the outbox, the reminder log, webhooks
	ActReportTarget     Action = "report_target"     // enter a national target's value (needs the target's responsible ministry)
	ActReadAudit        Action = "read_audit"        // browse and export the audit trail
	ActReadEvidence     Action = "read_evidence"     // list and download an assignment's evidence files (needs the assignment's agency)
	ActImport           Action = "import"            // create a plan's directives from a spreadsheet
	ActMakeMeetingPack  Action = "make_meeting_pack" // freeze a theme's monthly report as a numbered meeting pack
	ActMergeAgencies    Action = "merge_agencies"    // merge agencies into a successor (a central function: admins only)
	ActPublishPlan      Action = "publish_plan"      // open a plan's scoreboards to the public, or close them
)

// Can reports whether u may perform act. For ActUpdateAssignment and
// ActReadEvidence, agencyID is the agency owning the assignment; for ActReportTarget, the ministry
// responsible for the target (0 when none); it is ignored otherwise.
func Can(u *User, act Action, agencyID uint) bool {
	if u == nil || !u.Active {
		return false
	}
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleCoordinator:
		return act == ActRead || act == ActReadEvidence || act == ActWriteDirective || act == ActUpdateAssignment ||
			act == ActReview || act == ActManagePlans || act == ActReportTarget || act == ActImport ||
			act == ActMakeMeetingPack
	case RoleFocal:
		if act == ActRead {
			return true
		}
		// An agency's signed documents are its own and the committee's:
		// other agencies' focal points see that a file was attached (the
		// history), not what it says.
		own := u.AgencyID != nil && *u.AgencyID == agencyID
		return own && (act == ActUpdateAssignment || act == ActReportTarget || act == ActReadEvidence)
	case RoleViewer:
		return act == ActRead || act == ActReadEvidence
	}
	return false
}

// Permissions are the actions a user may take anywhere, not tied to one
// agency: what menus and pages ask before they offer a link or a button.
type Permissions struct {
	ManageUsers     bool
	ManageAgencies  bool
	ManagePlans     bool
	WriteDirective  bool
	Review          bool
	ManageReminders bool
	ReadAudit       bool
	Import          bool
	MakeMeetingPack bool
	MergeAgencies   bool
}

// PermissionsOf says, through Can, what u may do anywhere.
func PermissionsOf(u *User) Permissions {
	may := func(act Action) bool { return Can(u, act, 0) }
	return Permissions{ManageUsers: may(ActManageUsers), ManageAgencies: may(ActManageAgencies),
		ManagePlans: may(ActManagePlans), WriteDirective: may(ActWriteDirective), Review: may(ActReview),
		ManageReminders: may(ActManageReminders), ReadAudit: may(ActReadAudit), Import: may(ActImport),
		MakeMeetingPack: may(ActMakeMeetingPack), MergeAgencies: may(ActMergeAgencies)}
}
