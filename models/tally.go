package models

import (
	"sort"
)

// KindTally is how many agencies of one kind hold a directive (cancelled
// assignments left out) and how many of them are done: the "6/30" of a report.
type KindTally struct {
	Done  int
	Total int
}

// SortAssignmentsByAgency orders assignments (with their Agency loaded) the
// way SortAgencies orders agencies: ministries first, then by Vietnamese name.
func SortAssignmentsByAgency(list []Assignment) {
	c := vietnameseOrder()
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Agency, list[j].Agency
		return a != nil && b != nil && agencyBefore(c, a, b)
	})
}
