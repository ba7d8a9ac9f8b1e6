package loadtest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// writeSizeTables writes what one size measured: the processes' facts, then
// the load table.
func writeSizeTables(w io.Writer, r sizeRun) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Size %s: %d agencies, %d directives\n\n", thousands(int64(r.gen.Size)), r.gen.Agencies, r.gen.Directives)
	b.WriteString("| measure | value |\n|---|---|\n")
	for _, f := range facts() {
		fmt.Fprintf(&b, "| %s | %s |\n", f.name, f.value(r))
	}
	fmt.Fprintf(&b, "| reminder pass output | %s |\n\n", strings.ReplaceAll(r.remindResult, "\n", " "))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return WriteTable(w, r.load)
}

// writeSummary writes how every measure grows with size: a column per
// size, the processes' facts, then each target's p95.
func writeSummary(w io.Writer, runs []sizeRun) error {
	var b strings.Builder
	b.WriteString("\n## Growth with size (targets: p95)\n\n| measure |")
	for _, r := range runs {
		fmt.Fprintf(&b, " %s |", thousands(int64(r.gen.Size)))
	}
	b.WriteString("\n|---|" + strings.Repeat("---:|", len(runs)) + "\n")
	for _, f := range facts() {
		row(&b, f.name, runs, f.value)
	}
	if len(runs) > 0 {
		for i, s := range runs[0].load.all() {
			row(&b, "`"+s.Target+"`", runs, func(r sizeRun) string { return millis(r.load.all()[i].P95) })
		}
		row(&b, "writes/s", runs, func(r sizeRun) string {
			return fmt.Sprintf("%.1f", perSecond(r.load.Write.Succeeded(), r.load.Write.Elapsed))
		})
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// row writes one summary row: name, then value at each size.
func row(b *strings.Builder, name string, runs []sizeRun, value func(sizeRun) string) {
	b.WriteString("| " + name + " |")
	for _, r := range runs {
		b.WriteString(" " + value(r) + " |")
	}
	b.WriteString("\n")
}

// fact is one measure of a size besides the load table.
type fact struct {
	name  string
	value func(sizeRun) string
}

// facts are the measures of the processes at one size.
func facts() []fact {
	return []fact{
		{"assignments", func(r sizeRun) string { return thousands(r.survey.Assignments) }},
		{"database on disk", func(r sizeRun) string { return megabytes(r.dbBytes / 1024) }},
		{"generation (`roviec gen`)", func(r sizeRun) string { return seconds(r.genTime) }},
		{"server start-up, until /healthz answers", func(r sizeRun) string { return fmt.Sprintf("%.2f s", r.startup.Seconds()) }},
		{"server peak RSS (sampled every 100 ms)", func(r sizeRun) string { return megabytes(r.serveRSS) }},
		{"reminder pass moment (`roviec remind --at`)", func(r sizeRun) string { return r.survey.RemindAt.Format(time.RFC3339) }},
		{"reminder pass wall time", func(r sizeRun) string { return seconds(r.remindTime) }},
		{"reminder pass peak RSS", func(r sizeRun) string { return megabytes(r.remindRSS) }},
	}
}

// megabytes is a size given in kB, in MB with one decimal; "n/a" for 0
// (no /proc, no rusage).
func megabytes(kb int64) string {
	if kb == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MB", float64(kb)/1024)
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
