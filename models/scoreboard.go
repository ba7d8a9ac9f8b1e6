package models

import (
	"bytes"
)

// KindScore is where the agencies of one kind stand on a directive: how many
// hold it (cancelled copies left out), how many are done, and the four
// timeliness classes. Done is DoneOnTime + DoneLate.
type KindScore struct {
	Kind        AgencyKind `json:"-"` // the key it is answered under
	Done        int        `json:"done"`
	Total       int        `json:"total"`
	DoneOnTime  int        `json:"done_on_time"`
	DoneLate    int        `json:"done_late"`
	OpenOnTrack int        `json:"open_on_track"`
	OpenOverdue int        `json:"open_overdue"`
}

// Add counts one assignment of the kind in its timeliness class.
func (k *KindScore) Add(class Timeliness) {
	k.Total++
	switch class {
	case DoneOnTime:
		k.Done++
		k.DoneOnTime++
	case DoneLate:
		k.Done++
		k.DoneLate++
	case OpenOnTrack:
		k.OpenOnTrack++
	case OpenOverdue:
		k.OpenOverdue++
	}
}

// Laggard is an agency that has not done its copy of a directive, with the
// state of that copy at the as-of date.
type Laggard struct {
	AssignmentID uint
	Agency       Agency
	Status       Status
	Progress     int
	DueOn        Day
	Timeliness   TimelinessInfo
}

// Scoreboard answers the committee's questions about one directive at the end
// of a day: how many ministries and how many provinces have done it ("6/30
// bộ, ngành; 29/63 địa phương"), in which timeliness classes, and who has not,
// most overdue first.
type Scoreboard struct {
	Directive  *Directive
	AsOf       Day
	Ministries KindScore
	Provinces  KindScore
	NotDone    []Laggard
	// Done are the agencies that have done it (the same facts as a
	// laggard's), in name order: the downloads list every agency assigned.
	Done []Laggard
}

// SortLaggards puts the most overdue first, then the agencies in Vietnamese
// name order.
func SortLaggards(list []Laggard) {
	keys := nameKeys(len(list), func(i int) string { return list[i].Agency.Name })
	sortStable(list, func(i, j int) bool {
		if a, b := list[i].Timeliness.DaysOverdue, list[j].Timeliness.DaysOverdue; a != b {
			return a > b
		}
		return bytes.Compare(keys[i], keys[j]) < 0
	})
}
