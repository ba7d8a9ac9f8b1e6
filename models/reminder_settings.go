package models

// ReminderSettings are the numbers of the reminder rules an administrator may change.
type ReminderSettings struct {
	DueSoonDays     []int `json:"due_soon_days"`    // remind this many working days before the deadline (default 5 and 1)
	OverdueEvery    int   `json:"overdue_every"`    // then every N working days while overdue (default 3)
	LeaderAfter     int   `json:"leader_after"`     // level 1: the agency leader too, from N working days overdue (default 5)
	CommitteeAfter  int   `json:"committee_after"`  // level 2: coordinators too, and an explanation request (default 10)
	WeeklyDigest    bool  `json:"weekly_digest"`    // rule 6
	ThemeKickoff    bool  `json:"theme_kickoff"`    // rule 7
	UnclearReminder bool  `json:"unclear_reminder"` // rule 5
}

// DefaultReminderSettings are the rules as the committee first set them.
func DefaultReminderSettings() ReminderSettings {
	return ReminderSettings{DueSoonDays: []int{5, 1}, OverdueEvery: 3, LeaderAfter: 5, CommitteeAfter: 10,
		WeeklyDigest: true, ThemeKickoff: true, UnclearReminder: true}
}

// Validate checks the numbers (422 messages).
func (rs ReminderSettings) Validate() error {
	v := &ValidationError{}
	if len(rs.DueSoonDays) > 5 {
		v.Add("due_soon_days", "err.due_soon_count", "Max", 5)
	}
	for _, d := range rs.DueSoonDays {
		if d < 1 || d > 30 {
			v.Add("due_soon_days", "err.due_soon_range")
		}
	}
	if rs.OverdueEvery < 1 || rs.OverdueEvery > 30 {
		v.Add("overdue_every", "err.overdue_every_range")
	}
	if rs.LeaderAfter < 1 || rs.LeaderAfter > 60 {
		v.Add("leader_after", "err.leader_after_range")
	}
	if rs.CommitteeAfter <= rs.LeaderAfter || rs.CommitteeAfter > 120 {
		v.Add("committee_after", "err.committee_after_range")
	}
	return v.OrNil()
}
