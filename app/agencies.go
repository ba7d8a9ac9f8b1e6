package app

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// runAgencies runs `roviec agencies merge --into CODE --from CODE,CODE
// [--name NAME]`: the same merger as the admin page and the API, recorded in
// the audit trail as the command line's.
func runAgencies(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	if len(args) == 0 || args[0] != "merge" {
		return fmt.Errorf("usage: roviec agencies merge --into CODE --from CODE,CODE [--name NAME]")
	}
	fs := flag.NewFlagSet("agencies merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var m models.Merger
	fs.StringVar(&m.Into, "into", "", "the successor's code (an existing agency, or a new one with --name)")
	fs.Func("from", "the merged agencies' codes, comma separated", func(v string) error {
		m.From = append(m.From, strings.Split(v, ",")...)
		return nil
	})
	fs.StringVar(&m.Name, "name", "", "the successor's name when it is new")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("agencies merge: unexpected argument %q", fs.Arg(0))
	}
	m.Normalise() // the codes printed as the store reads them
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	res, err := store.NewStore(db, cfg.Location).MergeAgencies(cliActor(), m, nil, now())
	if err != nil {
		return err
	}
	out := &report{w: stdout}
	verb := "into"
	if res.Created {
		verb = "into new agency"
	}
	out.printf("merged %s %s %s (%s): moved %d open assignments, cancelled %d (the successor holds the directive), left %d done or cancelled with the merged agencies; moved %d users\n",
		strings.Join(m.From, ","), verb, res.Successor.Code, res.Successor.Name, res.Moved, res.Cancelled, res.Kept, res.Users)
	return out.err
}
