package export

import (
	"context"
	"fmt"
	"slices"

	"roviec/models"
	"roviec/models/export"
	"roviec/models/store"
)

// assignmentCols are the columns of a list of assignments, as the API names
// their fields.
var assignmentCols = []colSpec{{"export.col_id", 9, export.Number}, {"export.col_directive_id", 9, export.Number},
	{"export.col_directive", 50, export.Text}, {"export.col_agency_code", 10, export.Text}, {"export.col_agency", 30, export.Text},
	{"export.col_kind", 12, export.Text}, {"export.col_status", 18, export.Text}, {"export.col_progress", 9, export.Number},
	{"export.col_due", 12, export.Date}, {"export.col_original_due", 12, export.Date}, {"export.col_submitted", 12, export.Date},
	{"export.col_completed", 12, export.Date}, {"export.col_timeliness", 22, export.Text}, {"export.col_days_overdue", 9, export.Number},
	{"export.col_owner", 22, export.Text}, {"export.col_owner_email", 26, export.Text}, {"export.col_evidence_ref", 18, export.Text},
	{"export.col_evidence_date", 12, export.Date}, {"export.col_evidence_url", 30, export.Text}}

// assignmentRow is an assignment (its directive and agency loaded) in the
// columns of assignmentCols, its timeliness classified now.
func (b *Builder) assignmentRow(a *models.Assignment) []any {
	info := models.ClassifyTimeliness(a, b.Now, b.Store.Location())
	var title, code, name, kind string
	if a.Directive != nil {
		title = a.Directive.Title
	}
	if a.Agency != nil {
		code, name, kind = a.Agency.Code, b.agencyName(a.Agency), b.T("kind."+string(a.Agency.Kind))
	}
	return []any{int(a.ID), int(a.DirectiveID), title, code, name, kind, b.T("status." + string(a.Status)), a.Progress,
		a.DueOn, a.OriginalDue, a.SubmittedOn, a.CompletedOn, b.timeliness(info.Class, a.Status), info.DaysOverdue,
		a.OwnerName, a.OwnerEmail, a.EvidenceRef, a.EvidenceDate, a.EvidenceURL}
}

// Assignments is every assignment f selects (its page ignored), read a chunk
// at a time as the rows are written. filters describe f for the title.
func (b *Builder) Assignments(f store.AssignmentFilter, filters []string) *Export {
	return &Export{Name: b.fileName("assignments", ""),
		Table: export.Table{Name: b.T("export.assignments"), Title: b.title(b.T("export.assignments"), "", filters),
			Columns: b.cols(assignmentCols...)},
		Rows: func(ctx context.Context, w export.Writer) error {
			return b.Store.EachAssignment(ctx, f, b.Now, func(a *models.Assignment) error { return w.Row(b.assignmentRow(a)...) })
		}}
}

// Review is the review queue: every submitted assignment, oldest
// submission first.
func (b *Builder) Review() *Export {
	return &Export{Name: b.fileName("review", ""),
		Table: export.Table{Name: b.T("export.review"), Title: b.title(b.T("export.review"), "", nil),
			Columns: b.cols(assignmentCols...)},
		Rows: func(ctx context.Context, w export.Writer) error {
			return b.Store.EachSubmitted(ctx, func(a *models.Assignment) error { return w.Row(b.assignmentRow(a)...) })
		}}
}

// Scoreboard is a directive's scoreboard at the end of asOf: the counts per
// kind in the title, and a row per agency assigned (of kind): those not done
// first, most overdue first as the page lists them, then those done, in name
// order, so that a CSV (which has no title rows) carries the whole
// scoreboard. With overdueOnly, the overdue agencies only.
func (b *Builder) Scoreboard(ctx context.Context, id uint, asOf models.Day, kind models.AgencyKind, overdueOnly bool) (*Export, error) {
	sb, err := b.Store.Scoreboard(ctx, id, asOf, b.Now)
	if err != nil {
		return nil, err
	}
	var filters []string
	if kind != "" {
		filters = append(filters, b.filter("export.col_kind", b.T("kind."+string(kind))))
	}
	if overdueOnly {
		filters = append(filters, b.T("scoreboard.overdue_only"))
	}
	title := b.title(b.T("scoreboard.title")+" · "+sb.Directive.Title, sb.AsOf, filters)
	for _, k := range []models.KindScore{sb.Ministries, sb.Provinces} {
		if kind == "" || k.Kind == kind {
			counts := fmt.Sprintf("%d/%d; %s %d, %s %d, %s %d, %s %d", k.Done, k.Total, b.T("timeliness.done_on_time"), k.DoneOnTime,
				b.T("timeliness.done_late"), k.DoneLate, b.T("timeliness.open_on_track"), k.OpenOnTrack, b.T("timeliness.open_overdue"), k.OpenOverdue)
			title = append(title, b.T("export.kind_score", "Kind", b.T("kind."+string(k.Kind)), "Counts", counts))
		}
	}
	var rows []models.Laggard
	for _, l := range slices.Concat(sb.NotDone, sb.Done) {
		if (kind == "" || l.Agency.Kind == kind) && (!overdueOnly || l.Timeliness.Class == models.OpenOverdue) {
			rows = append(rows, l)
		}
	}
	return &Export{Name: b.fileName("scoreboard", sb.AsOf),
		Table: export.Table{Name: b.T("scoreboard.title"), Title: title,
			Columns: b.cols(colSpec{"export.col_agency_code", 10, export.Text}, colSpec{"export.col_agency", 32, export.Text},
				colSpec{"export.col_kind", 12, export.Text}, colSpec{"export.col_status", 18, export.Text},
				colSpec{"export.col_progress", 9, export.Number}, colSpec{"export.col_due", 12, export.Date},
				colSpec{"export.col_timeliness", 22, export.Text}, colSpec{"export.col_days_overdue", 9, export.Number},
				colSpec{"export.col_id", 9, export.Number})},
		Rows: func(_ context.Context, w export.Writer) error {
			for i := range rows {
				l := &rows[i]
				err := w.Row(l.Agency.Code, b.agencyName(&l.Agency), b.T("kind."+string(l.Agency.Kind)), b.T("status."+string(l.Status)),
					l.Progress, l.DueOn, b.timeliness(l.Timeliness.Class, l.Status), l.Timeliness.DaysOverdue, int(l.AssignmentID))
				if err != nil {
					return err
				}
			}
			return nil
		}}, nil
}

// leagueTones are the league's colours.
var leagueTones = map[models.LeagueStatus]export.Tone{models.LeagueRed: export.Red, models.LeagueAmber: export.Amber,
	models.LeagueGreen: export.Green, models.LeagueGrey: export.Grey}

// League is the whole league table for f (every page), or its late agencies
// only with overdueOnly, each keeping its rank in the whole table as the
// page does.
func (b *Builder) League(ctx context.Context, f store.LeagueFilter, overdueOnly bool) (*Export, error) {
	all, err := b.Store.League(ctx, f, b.Now)
	if err != nil {
		return nil, err
	}
	var filters []string
	if f.PlanID != 0 {
		p, err := b.Store.PlanByID(ctx, f.PlanID)
		if err != nil {
			return nil, err
		}
		filters = append(filters, b.filter("export.plan", b.planName(p)))
	}
	if f.ThemeID != 0 {
		t, err := b.Store.ThemeByID(ctx, f.ThemeID)
		if err != nil {
			return nil, err
		}
		filters = append(filters, b.filter("export.theme", b.themeName(t)))
	}
	if f.Kind != "" {
		filters = append(filters, b.filter("export.col_kind", b.T("kind."+string(f.Kind))))
	}
	if overdueOnly {
		filters = append(filters, b.T("league.red"))
	}
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = models.DayOf(b.Now, b.Store.Location())
	}
	return &Export{Name: b.fileName("league", asOf),
		Table: export.Table{Name: b.T("league.title"), Title: b.title(b.T("league.title"), asOf, filters),
			Columns: b.cols(colSpec{"league.rank", 7, export.Number}, colSpec{"export.col_agency_code", 10, export.Text},
				colSpec{"export.col_agency", 32, export.Text}, colSpec{"export.col_kind", 12, export.Text},
				colSpec{"league.assigned", 10, export.Number}, colSpec{"league.due", 10, export.Number},
				colSpec{"league.done_on_time", 12, export.Number}, colSpec{"league.done_late", 12, export.Number},
				colSpec{"league.open_overdue", 10, export.Number}, colSpec{"league.days_overdue", 10, export.Number},
				colSpec{"league.rate", 10, export.Percent}, colSpec{"league.status", 18, export.Text})},
		Rows: func(_ context.Context, w export.Writer) error {
			for i := range all {
				r := &all[i]
				if overdueOnly && r.OpenOverdue == 0 {
					continue
				}
				var rank, rate any // unranked: nothing due yet
				if r.Due > 0 {
					rank, rate = r.Rank, r.Rate()
				}
				err := w.Row(rank, r.Agency.Code, b.agencyName(&r.Agency), b.T("kind."+string(r.Agency.Kind)), r.Assigned, r.Due,
					r.DoneOnTime, r.DoneLate, r.OpenOverdue, r.DaysOverdue, rate,
					export.Toned{Text: b.T("league." + string(r.Status)), Tone: leagueTones[r.Status]})
				if err != nil {
					return err
				}
			}
			return nil
		}}, nil
}
