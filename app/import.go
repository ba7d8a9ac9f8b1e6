package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"roviec/models"
	"roviec/models/imports"
	"roviec/models/store"
	"roviec/views"
)

// runImport is `roviec import FILE [--plan YEAR|ID] [--dry-run]`, which
// imports a file's directives into a plan as the upload page does, and
// `roviec import --template --out FILE`, which writes the template.
func runImport(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	planFlag := fs.String("plan", "", "the plan: its year or its id (default: this year's plan, else the newest)")
	dry := fs.Bool("dry-run", false, "check the file and say what it would create; write nothing")
	template := fs.Bool("template", false, "write the empty template to --out (.xlsx or .csv)")
	out := fs.String("out", "", "the template's file")
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file or postgres:// URL (ROVIEC_DATABASE)")
	// The file may come before the flags (roviec import FILE --plan 2023):
	// flag stops at the first argument, so parsing goes on after it.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if *template {
		if *out == "" || len(files) > 0 {
			return errors.New("usage: roviec import --template --out FILE.xlsx|FILE.csv")
		}
		return writeTemplate(*out)
	}
	if len(files) != 1 {
		return errors.New("usage: roviec import FILE [--plan YEAR|ID] [--dry-run]")
	}
	data, err := readImportFile(files[0])
	if err != nil {
		return err
	}
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	st := store.NewStore(db, cfg.Location)
	ctx := cliActor()
	plan, err := choosePlan(ctx, st, *planFlag, now().In(cfg.Location).Year())
	if err != nil {
		return err
	}
	rows, err := imports.Read(files[0], data)
	if err != nil {
		return err
	}
	rep, err := st.ImportDirectives(ctx, plan.ID, rows, nil, now(), *dry)
	if rep != nil && len(rep.Bad) > 0 {
		return badRows(stderr, rep, err)
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if *dry {
		verb = "would import (dry run, nothing written)"
	}
	_, err = fmt.Fprintf(stdout, "%s: %d directives, %d assignments into plan %d (%s, %d)\n", verb, rep.Directives,
		rep.Assignments, plan.ID, plan.Name, plan.Year)
	return err
}

// readImportFile reads a file of at most imports.MaxFileSize bytes.
func readImportFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, imports.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > imports.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %s", name, models.MaxEvidenceSizeText)
	}
	return data, nil
}

// writeTemplate writes the template in the format of the file's extension.
func writeTemplate(name string) (err error) {
	format := imports.FormatOf(name)
	if format == "" {
		return fmt.Errorf("%s: the template is written as .xlsx or .csv", name)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer closeAfter(f, &err)
	return imports.WriteTemplate(f, format)
}

// choosePlan is the plan named by --plan (a year from models.MinYear to
// models.MaxYear, else an id), or without it this year's plan, else the
// newest. A year with several plans must be named by id.
func choosePlan(ctx context.Context, st *store.Store, flagValue string, thisYear int) (*models.Plan, error) {
	plans, err := st.ListPlans(ctx)
	if err != nil {
		return nil, err
	}
	if flagValue == "" {
		var newest *models.Plan
		for i := range plans {
			p := &plans[i]
			if p.Year == thisYear {
				flagValue = strconv.Itoa(thisYear)
			}
			if newest == nil || p.Year > newest.Year || (p.Year == newest.Year && p.ID > newest.ID) {
				newest = p
			}
		}
		if flagValue == "" {
			if newest == nil {
				return nil, errors.New("no plan to import into")
			}
			return newest, nil
		}
	}
	n, err := strconv.Atoi(flagValue)
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("--plan %q: give a plan's year or id", flagValue)
	}
	if n < models.MinYear || n > models.MaxYear {
		return st.PlanByID(ctx, uint(n))
	}
	var found *models.Plan
	for i := range plans {
		if plans[i].Year == n {
			if found != nil {
				return nil, fmt.Errorf("--plan %d: several plans of that year; give the plan's id", n)
			}
			found = &plans[i]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("--plan %d: no plan of that year", n)
	}
	return found, nil
}

// badRows lists every bad row with its row number and what is wrong, in
// Vietnamese as the upload page says it, and returns the refusal.
func badRows(w io.Writer, rep *store.ImportReport, refusal error) error {
	r, err := views.New()
	if err != nil {
		return err
	}
	for _, b := range rep.Bad {
		for _, f := range b.Problems.Ordered() {
			if _, err := fmt.Fprintf(w, "dòng %d: %s: %s\n", b.Line, r.T(views.LangVI, "import.col."+f),
				r.Msg(views.LangVI, b.Problems.Fields[f])); err != nil {
				return err
			}
		}
	}
	return refusal
}
