// Package export turns the committee's views (assignments, scoreboard,
// league, theme matrix, targets, review queue, audit trail) into
// downloadable tables (models/export), from the same store methods the pages
// and the API read, so that a download shows the figures the page shows.
// The builders take no HTTP request: the command line uses them too.
package export

import (
	"context"
	"fmt"
	"strings"
	"time"

	"roviec/models"
	"roviec/models/export"
	"roviec/models/store"
	"roviec/views"
)

// Builder builds exports in one language, at one moment.
type Builder struct {
	Store *store.Store
	Views *views.Renderer
	Lang  string
	Now   time.Time
}

// Export is a table ready to write: its file name (without extension), its
// shape, and the function that writes its rows.
type Export struct {
	Name  string
	Table export.Table
	Rows  func(ctx context.Context, w export.Writer) error
}

// Write writes e in format f to w, completely.
func (e *Export) Write(ctx context.Context, w export.Writer) error {
	if err := e.Rows(ctx, w); err != nil {
		return err
	}
	return w.Close()
}

// T translates a message id in the builder's language.
func (b *Builder) T(id string, args ...any) string { return b.Views.T(b.Lang, id, args...) }

// pick is the English text for English readers when there is one.
func (b *Builder) pick(vi, en string) string {
	if b.Lang == views.LangEN && en != "" {
		return en
	}
	return vi
}

// title is the sheet's title lines: what is shown (programme and page), as
// of which day, with which filters, and when it was exported.
func (b *Builder) title(what string, asOf models.Day, filters []string) []string {
	lines := []string{what}
	if !asOf.IsZero() {
		lines = append(lines, b.T("export.as_of", "Date", asOf.VN()))
	}
	if len(filters) > 0 {
		lines = append(lines, b.T("export.filters", "List", strings.Join(filters, "; ")))
	}
	loc := b.Store.Location()
	return append(lines, b.T("export.made_at", "Time", b.Now.In(loc).Format("02/01/2006 15:04")))
}

// filter is one filter of the title line: "label: value".
func (b *Builder) filter(labelID, value string) string { return b.T(labelID) + ": " + value }

// fileName is a file name stem: what, the as-of day or today, no spaces.
func (b *Builder) fileName(what string, asOf models.Day) string {
	if asOf.IsZero() {
		asOf = models.DayOf(b.Now, b.Store.Location())
	}
	return fmt.Sprintf("roviec-%s-%s", what, asOf)
}

func (b *Builder) planName(p *models.Plan) string { return b.pick(p.Name, p.NameEN) }

func (b *Builder) themeName(t *models.Theme) string { return b.pick(t.TitleVI, t.TitleEN) }

func (b *Builder) agencyName(a *models.Agency) string { return b.pick(a.Name, a.NameEN) }

// timeliness is the word of a timeliness class in its colour, as the pages
// colour it; a cancelled assignment (no class) says its status, in grey.
func (b *Builder) timeliness(class models.Timeliness, st models.Status) export.Toned {
	switch class {
	case models.DoneOnTime:
		return export.Toned{Text: b.T("timeliness.done_on_time"), Tone: export.Green}
	case models.DoneLate:
		return export.Toned{Text: b.T("timeliness.done_late"), Tone: export.Amber}
	case models.OpenOverdue:
		return export.Toned{Text: b.T("timeliness.open_overdue"), Tone: export.Red}
	case models.OpenOnTrack:
		return export.Toned{Text: b.T("timeliness.open_on_track"), Tone: export.Blue}
	}
	return export.Toned{Text: b.T("status." + string(st)), Tone: export.Grey}
}

// cols builds columns from message ids and widths, with kinds where not text.
func (b *Builder) cols(specs ...colSpec) []export.Column {
	out := make([]export.Column, len(specs))
	for i, s := range specs {
		out[i] = export.Column{Header: b.T(s.id), Width: s.width, Kind: s.kind}
	}
	return out
}

type colSpec struct {
	id    string
	width float64
	kind  export.Kind
}
