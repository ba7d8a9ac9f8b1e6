package models

// KindTally is how many agencies of one kind hold a directive (cancelled
// assignments left out) and how many of them are done: the "6/30" of a report.
type KindTally struct {
	Done  int
	Total int
}
