package models

// DirectiveSummary is where a directive's assignments stand at a moment:
// their ids and how many are in each status and each timeliness class.
type DirectiveSummary struct {
	AssignmentIDs []uint
	ByStatus      map[Status]int
	ByTimeliness  map[Timeliness]int
}
