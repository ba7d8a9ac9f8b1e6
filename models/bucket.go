package models

// Bucket says what the timeliness of an assignment depends on, so that the
// committee's counts can be kept as tallies (counts of assignments sharing a
// theme, an agency, a deadline and a bucket) instead of read row by row.
type Bucket string

// Buckets of the tallies.
const (
	BucketCancelled  Bucket = "cancelled"    // counts nowhere
	BucketDoneOnTime Bucket = "done_on_time" // done by its deadline (or without one)
	BucketDoneLate   Bucket = "done_late"    // done after it
	BucketSafe       Bucket = "safe"         // open, on track whatever the day: no deadline, or submitted by it
	BucketOpen       Bucket = "open"         // open: on track until its deadline, overdue after it
)

// Tally counts the assignments of one agency in one theme that share a
// bucket, a deadline and a progress band (LowProgress: open work under
// LowProgress percent done). Open and safe work keeps its deadline (DueOn);
// done work only the month of it (DueMonth, "2023-04"), which is all the
// counts need. LateDays sums the days late of done-late work.
type Tally struct {
	ThemeID     uint
	AgencyID    uint
	Bucket      Bucket
	DueOn       Day
	DueMonth    string
	LowProgress bool
	N           int
	LateDays    int
}

// TallyOf is the tally of one assignment: the rule the database's triggers
// follow (models/migrations, schema 4) to keep the tallies table.
func TallyOf(a *Assignment, themeID uint) Tally {
	t := Tally{ThemeID: themeID, AgencyID: a.AgencyID, N: 1}
	switch {
	case a.Status == StatusCancelled:
		t.Bucket = BucketCancelled
	case a.Status == StatusDone && (a.DueOn.IsZero() || a.CompletedOn.IsZero() || a.CompletedOn <= a.DueOn):
		t.Bucket = BucketDoneOnTime
	case a.Status == StatusDone:
		t.Bucket, t.LateDays = BucketDoneLate, a.DueOn.DaysUntil(a.CompletedOn)
	case a.DueOn.IsZero(), a.Status == StatusSubmitted && !a.SubmittedOn.IsZero() && a.SubmittedOn <= a.DueOn:
		t.Bucket = BucketSafe
	default:
		t.Bucket = BucketOpen
	}
	t.LowProgress = IsOpen(a.Status) && a.Progress < LowProgress
	if t.Bucket != BucketCancelled && !a.DueOn.IsZero() {
		t.DueMonth = string(a.DueOn[:7])
	}
	if IsOpen(a.Status) {
		t.DueOn = a.DueOn
	}
	return t
}

// AgencyClassCount is how many of an agency's assignments stand in one
// timeliness class, and (open overdue) their days overdue summed.
type AgencyClassCount struct {
	AgencyID    uint
	Class       Timeliness
	N           int
	DaysOverdue int
}
