// Package synth builds a synthetic national programme for load tests:
// ministries and provinces, users, yearly plans with the monthly themes of
// the 2023 programme, directives fanned out to agencies, and for every
// assignment a history played through the real workflow of the core
// (AssignmentChange.Apply, MoveDeadline, HistoryNote). Each assignment is
// handed over once, in its final state, after its history, so the history
// replays exactly to the row. It is pure and deterministic: the same Config
// gives the same rows, in the same order, to a Sink.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"roviec/models"
)

// FirstYear is the year of the first plan; the others follow it.
const FirstYear = 2023

// Domain is the e-mail domain of every generated address.
const Domain = "gen.roviec.vn"

// Config says what to generate.
type Config struct {
	Agencies   int     // ministries (about 30) and provinces
	Directives int     // spread over the plans and their themes
	Updates    float64 // history rows per assignment, on average
	Plans      int     // yearly plans from FirstYear on
	Seed       uint64
	Password   string // of every generated user
	Location   *time.Location
	Calendar   models.Calendar // working days: events happen on them
}

// Validate checks the numbers before anything is generated.
func (c Config) Validate() error {
	v := &models.ValidationError{}
	models.CheckPassword(v, "password", c.Password, "")
	switch {
	case c.Agencies < 2:
		return fmt.Errorf("--agencies: at least 2 (a ministry and a province), not %d", c.Agencies)
	case c.Directives < 1:
		return fmt.Errorf("--directives: at least 1, not %d", c.Directives)
	case c.Plans < 1 || c.Plans > 20:
		return fmt.Errorf("--plans: from 1 to 20, not %d", c.Plans)
	case c.Updates < 3 || c.Updates > 20:
		return fmt.Errorf("--updates: from 3 (most stories start, report and are reviewed) to 20 an assignment on average, not %g", c.Updates)
	case c.Location == nil:
		return fmt.Errorf("no time zone")
	case v.OrNil() != nil:
		return fmt.Errorf("--password: from %d characters to %d bytes", models.MinPasswordLen, models.MaxPasswordBytes)
	}
	return nil
}

// Moment is when the generated programme stands: 17:30 local on 20 October
// of the last plan's year. Nothing happens after it; earlier plans are over,
// the last one has work done, overdue, due soon and still ahead.
func (c Config) Moment() time.Time {
	return time.Date(FirstYear+c.Plans-1, time.October, 20, 17, 30, 0, 0, c.Location)
}

// Sink receives the rows, parents before children, each once and in its
// final state, with its identifier set (counting from 1 in each table). A
// row is lent for the call only: the generator reuses it. store.Writer
// is a Sink.
type Sink interface {
	AddAgency(*models.Agency) error
	AddUser(*models.User) error
	AddPlan(*models.Plan) error
	AddTheme(*models.Theme) error
	AddDirective(*models.Directive) error
	AddAssignment(*models.Assignment) error
	AddUpdate(*models.Update) error
	AddExtension(*models.Extension) error
	AddExplanation(*models.ExplanationRequest) error
	AddOutbox(*models.OutboxMessage) error
	AddReminderLog(*models.ReminderLog) error
}

// Summary counts what was generated and names the accounts to log in with.
type Summary struct {
	Moment                                         time.Time // when the programme stands, local time
	Agencies, Users, Plans, Themes                 int
	Directives, Assignments, Updates               int
	Extensions, Explanations, Outbox, ReminderLogs int
	Staff                                          []string // admin, coordinator and viewer e-mails
	Focal                                          []string // one focal point per agency, in agency order
}

// Generate builds the programme of cfg into sink.
func Generate(cfg Config, sink Sink) (Summary, error) {
	if err := cfg.Validate(); err != nil {
		return Summary{}, err
	}
	g := &generator{cfg: cfg, sink: sink, rng: newRand(cfg.Seed),
		loc: cfg.Location, cal: newCalendar(cfg.Calendar, cfg.Plans), moment: cfg.Moment().UTC()}
	g.sum.Moment = cfg.Moment()
	g.kinds = g.audienceMix(cfg.Directives)
	if err := g.people(); err != nil {
		return g.sum, err
	}
	var issues []issue
	for p := range cfg.Plans {
		var err error
		if issues, err = g.plan(p, issues); err != nil {
			return g.sum, err
		}
	}
	g.aim(issues)
	for i := range issues {
		for _, a := range issues[i].to {
			if err := g.assignment(&issues[i], &g.agencies[a]); err != nil {
				return g.sum, err
			}
		}
	}
	return g.sum, nil
}

// aim sets the history rows a story that has begun by the moment writes on
// average: the stories of directives issued in the last week or later have
// hardly begun and write (almost) nothing, so the others write more for the
// average of all to be cfg.Updates.
func (g *generator) aim(issues []issue) {
	all, begun := 0, 0
	for i := range issues {
		all += len(issues[i].to)
		if issues[i].begun {
			begun += len(issues[i].to)
		}
	}
	g.target = g.cfg.Updates * float64(all) / float64(max(begun, 1))
}

// newRand is the random source of a seed.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x526f5669ec)) }

// generator holds the state of one run: the random source, the agencies and
// users made so far, the next identifiers and the history rows still owed to
// reach the average cfg.Updates.
type generator struct {
	cfg      Config
	sink     Sink
	rng      *rand.Rand
	loc      *time.Location
	cal      calendar
	moment   time.Time
	agencies []agency
	coord    models.User
	kinds    []audience // of each directive, in order
	ids      struct{ directive, assignment, update, extension, explanation, outbox, remind uint }
	target   float64         // history rows a story that has begun writes on average
	owed     float64         // history rows the stories so far are short of what they aim at
	history  []models.Update // the current story's rows (reused)
	sum      Summary
}
