package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	exports "roviec/handlers/export"
	"roviec/models"
	"roviec/models/export"
	"roviec/models/store"
	"roviec/views"
)

// exportWhats are what roviec export writes.
var exportWhats = []string{"assignments", "scoreboard", "league", "targets", "matrix"}

// exportFlags are the choices of roviec export.
type exportFlags struct {
	what, format, out, asOf, lang        string
	planID, themeID, directiveID         uint
	agencyCode, kind, status, timeliness string
	overdue                              bool
}

// runExport writes one of the committee's views to a file, as the pages'
// download would: the same figures from the same store methods. The file
// appears only once whole (written beside it, then renamed).
func runExport(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var x exportFlags
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file or postgres:// URL (ROVIEC_DATABASE)")
	fs.StringVar(&x.what, "what", "", strings.Join(exportWhats, "|"))
	fs.StringVar(&x.format, "format", "", "xlsx|csv (default: the extension of --out)")
	fs.StringVar(&x.out, "out", "", "the file to write")
	fs.StringVar(&x.asOf, "as-of", "", "the day, dd/mm/yyyy or yyyy-mm-dd (default: today)")
	fs.StringVar(&x.lang, "lang", views.LangVI, "language of the headers: vi|en")
	fs.UintVar(&x.planID, "plan-id", 0, "a plan (assignments, league, targets)")
	fs.UintVar(&x.themeID, "theme-id", 0, "a theme (assignments, league; matrix: required)")
	fs.UintVar(&x.directiveID, "directive-id", 0, "a directive (assignments; scoreboard: required)")
	fs.StringVar(&x.agencyCode, "agency-code", "", "an agency (assignments)")
	fs.StringVar(&x.kind, "kind", "", "ministry|province (assignments, scoreboard, league)")
	fs.StringVar(&x.status, "status", "", "a status (assignments)")
	fs.StringVar(&x.timeliness, "timeliness", "", "done_on_time|done_late|open_on_track|open_overdue (assignments)")
	fs.BoolVar(&x.overdue, "overdue", false, "only the overdue (scoreboard, league)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	format, asOf, err := x.check()
	if err != nil {
		return err
	}
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	r, err := views.New()
	if err != nil {
		return err
	}
	b := &exports.Builder{Store: store.NewStore(db, cfg.Location), Views: r, Lang: x.lang, Now: now()}
	if asOf.IsZero() {
		asOf = models.DayOf(b.Now, cfg.Location)
	}
	ctx := context.Background()
	e, err := x.build(ctx, b, b.Store.ClampAsOf(asOf, b.Now))
	if err != nil {
		return err
	}
	if err := writeExport(ctx, e, format, x.out); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s\n", x.out)
	return err
}

// check refuses a bad flag before the database is opened.
func (x *exportFlags) check() (export.Format, models.Day, error) {
	var errs []error
	if !slices.Contains(exportWhats, x.what) {
		errs = append(errs, fmt.Errorf("--what: %q is not one of %s", x.what, strings.Join(exportWhats, ", ")))
	}
	if x.out == "" {
		errs = append(errs, errors.New("--out: the file to write is missing"))
	}
	format := export.Format(x.format)
	if format == "" {
		format = export.Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(x.out)), "."))
	}
	if !slices.Contains(export.Formats, format) {
		errs = append(errs, fmt.Errorf("--format: %q is not xlsx or csv", format))
	}
	if !views.IsLanguage(x.lang) {
		errs = append(errs, fmt.Errorf("--lang: %q is not vi or en", x.lang))
	}
	asOf, err := models.ParseDay(x.asOf)
	if err != nil {
		errs = append(errs, fmt.Errorf("--as-of: %q is not a date like 30/06/2023", x.asOf))
	}
	if x.kind != "" && !models.AgencyKind(x.kind).Valid() {
		errs = append(errs, fmt.Errorf("--kind: %q is not ministry or province", x.kind))
	}
	if x.status != "" && !models.Status(x.status).Valid() {
		errs = append(errs, fmt.Errorf("--status: %q is not a status", x.status))
	}
	if x.timeliness != "" && !slices.Contains(models.TimelinessClasses, models.Timeliness(x.timeliness)) {
		errs = append(errs, fmt.Errorf("--timeliness: %q is not a timeliness class", x.timeliness))
	}
	if x.what == "scoreboard" && x.directiveID == 0 {
		errs = append(errs, errors.New("--directive-id: a scoreboard is of one directive"))
	}
	if x.what == "matrix" && x.themeID == 0 {
		errs = append(errs, errors.New("--theme-id: a matrix is of one theme"))
	}
	return format, asOf, errors.Join(errs...)
}

// build reads what the flags choose.
func (x *exportFlags) build(ctx context.Context, b *exports.Builder, asOf models.Day) (*exports.Export, error) {
	kind := models.AgencyKind(x.kind)
	switch x.what {
	case "scoreboard":
		return b.Scoreboard(ctx, x.directiveID, asOf, kind, x.overdue)
	case "league":
		return b.League(ctx, store.LeagueFilter{Kind: kind, ThemeID: x.themeID, PlanID: x.planID, AsOf: asOf}, x.overdue)
	case "matrix":
		return b.Matrix(ctx, x.themeID, asOf)
	case "targets":
		plan, err := newestPlanOr(ctx, b.Store, x.planID)
		if err != nil {
			return nil, err
		}
		return b.Targets(ctx, plan, asOf)
	}
	// Assignments are today's rows, as the API lists them: no as-of day.
	f := store.AssignmentFilter{PlanID: x.planID, ThemeID: x.themeID, DirectiveID: x.directiveID, AgencyKind: kind,
		Status: models.Status(x.status), Timeliness: models.Timeliness(x.timeliness)}
	var filters []string
	if x.agencyCode != "" {
		ag, err := b.Store.AgencyByCode(ctx, x.agencyCode)
		if err != nil {
			return nil, fmt.Errorf("--agency-code %s: %w", x.agencyCode, err)
		}
		f.AgencyID = ag.ID
		filters = append(filters, "agency_code="+x.agencyCode)
	}
	for name, v := range map[string]uint{"plan_id": x.planID, "theme_id": x.themeID, "directive_id": x.directiveID} {
		if v != 0 {
			filters = append(filters, fmt.Sprintf("%s=%d", name, v))
		}
	}
	for name, v := range map[string]string{"agency_kind": x.kind, "status": x.status, "timeliness": x.timeliness} {
		if v != "" {
			filters = append(filters, name+"="+v)
		}
	}
	slices.Sort(filters)
	return b.Assignments(f, filters), nil
}

// newestPlanOr is plan id, or the newest plan when id is 0.
func newestPlanOr(ctx context.Context, s *store.Store, id uint) (*models.Plan, error) {
	if id != 0 {
		return s.PlanByID(ctx, id)
	}
	plans, err := s.ListPlans(ctx)
	if err != nil {
		return nil, err
	}
	if len(plans) == 0 {
		return nil, models.ErrNotFound
	}
	return &plans[0], nil
}

// writeExport writes e to a temporary file beside out and renames it into
// place once whole, so that a failure leaves no half-written file.
func writeExport(ctx context.Context, e *exports.Export, format export.Format, out string) (err error) {
	f, err := os.CreateTemp(filepath.Dir(out), ".roviec-export-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()           // already failed: the first error is the one to report
			_ = os.Remove(f.Name()) // nothing half-written stays
		}
	}()
	w, err := export.New(f, format, e.Table)
	if err != nil {
		return err
	}
	if err := e.Write(ctx, w); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), out)
}
