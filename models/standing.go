package models

// Standing is an agency's counts in a league table at the end of a day,
// before it is named and ranked: what a kept league holds, so that the names,
// the kind and whether the agency is still active are those of the moment it
// is read. Amber counts the open work due within DueSoonDays with progress
// under LowProgress (not overdue).
type Standing struct {
	AgencyID    uint
	Assigned    int
	Due         int
	DoneOnTime  int
	DoneLate    int
	OpenOverdue int
	DaysOverdue int
	Amber       int
}

// StandingOf is the standing a league row counted.
func StandingOf(r *LeagueRow) Standing {
	s := Standing{AgencyID: r.Agency.ID, Assigned: r.Assigned, Due: r.Due, DoneOnTime: r.DoneOnTime,
		DoneLate: r.DoneLate, OpenOverdue: r.OpenOverdue, DaysOverdue: r.DaysOverdue}
	if r.Status == LeagueAmber {
		s.Amber = 1
	}
	return s
}

// Row is the league row of the standing for agency ag, coloured (unranked).
func (s *Standing) Row(ag *Agency) LeagueRow {
	r := LeagueRow{Agency: *ag, Assigned: s.Assigned, Due: s.Due, DoneOnTime: s.DoneOnTime, DoneLate: s.DoneLate,
		OpenOverdue: s.OpenOverdue, DaysOverdue: s.DaysOverdue}
	switch {
	case s.OpenOverdue > 0:
		r.Status = LeagueRed
	case s.Amber > 0:
		r.Status = LeagueAmber
	case s.Due > 0:
		r.Status = LeagueGreen
	default:
		r.Status = LeagueGrey
	}
	return r
}
