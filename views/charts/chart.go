// Package charts draws small charts as SVG on the server: a line chart
// against a target line and a stacked bar chart. Each comes as a figure with
// an accessible title and description and, next to it, the same data as an
// HTML table (the text alternative, also what a printout keeps legible).
// Colour is never the only signal: lines carry marker shapes and dashes,
// bars carry fill patterns, and every series is named in a legend.
package charts

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Geometry of every chart, in SVG user units (the SVG scales to its box).
const (
	width      = 640.0
	plotLeft   = 56.0
	plotRight  = width - 20
	plotTop    = 24.0
	plotHeight = 200.0
	plotBottom = plotTop + plotHeight
	legendTop  = plotBottom + 52
	legendRow  = 20.0
	// maxAxisLabels is how many category names fit under the plot.
	maxAxisLabels = 13
)

// Series is one named row of values, one value per category; math.NaN()
// marks a category without a value.
type Series struct {
	Name   string
	Values []float64
	Color  string // a CSS colour
	// Mark is the second signal besides colour: for lines a marker shape
	// ("circle", "square", "triangle", "diamond"), for bars a fill pattern
	// ("solid", "hatch", "dots", "cross").
	Mark string
}

// Reference is a horizontal line across the plot, e.g. the target value.
type Reference struct {
	Value float64
	Label string
}

// Chart is what both kinds of chart draw from.
type Chart struct {
	ID         string // unique on the page; prefixes the ids inside the SVG
	Title      string
	Desc       string // one sentence saying what the chart shows
	XLabel     string // names the categories (also the table's first column)
	YLabel     string
	Categories []string
	Series     []Series
	Target     *Reference           // line charts: the target line, dashed
	TotalLabel string               // bar charts: the heading of the table's total column ("" for none)
	YMax       float64              // the top of the value axis; 0: from the data
	Unit       string               // appended to values, e.g. "%"
	Number     func(float64) string // formats values in the reader's language; nil: plain, one decimal
	// TableSummary, when set, folds the data table into a details element
	// with this summary (for long tables on busy pages).
	TableSummary string
}

// format writes a value with the chart's number format and unit.
func (c *Chart) format(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	if c.Number == nil {
		return num(v) + c.Unit
	}
	return c.Number(v) + c.Unit
}

// scale is the value axis: from 0 to max in steps of step.
type scale struct{ max, step float64 }

// niceScale picks a top of at least top with at most 5 round steps of at
// least 1 (counts and percentages need no finer ticks).
func niceScale(top float64) scale {
	if top <= 0 || math.IsNaN(top) {
		return scale{max: 1, step: 1}
	}
	mag := math.Max(1, math.Pow(10, math.Floor(math.Log10(top/5))))
	for _, m := range []float64{1, 2, 5, 10} {
		step := m * mag
		if top/step <= 5 {
			return scale{max: math.Ceil(top/step-1e-9) * step, step: step}
		}
	}
	return scale{max: top, step: top}
}

// y is the vertical position of value v.
func (s scale) y(v float64) float64 {
	return plotBottom - v/s.max*plotHeight
}

// bandX is the centre of category i of n.
func bandX(i, n int) float64 {
	return plotLeft + (float64(i)+0.5)*(plotRight-plotLeft)/float64(n)
}

// esc escapes text for SVG/HTML content and attribute values.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num writes a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// safeID keeps the letters, digits and dashes of an id.
func safeID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "chart"
	}
	return b.String()
}

// open writes the start of the figure and of the SVG: its accessible name
// and description, the axes with their ticks, labels and the category names.
func (c *Chart) open(b *strings.Builder, sc scale, height float64, defs string) {
	id := safeID(c.ID)
	fmt.Fprintf(b, `<figure class="chart" id="%s">`, id)
	fmt.Fprintf(b, `<figcaption>%s</figcaption>`, esc(c.Title))
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-label="%s" aria-describedby="%s-desc">`,
		num(width), num(height), esc(c.Title), id)
	fmt.Fprintf(b, `<title>%s</title><desc id="%s-desc">%s</desc>`, esc(c.Title), id, esc(c.Desc))
	if defs != "" {
		b.WriteString("<defs>" + defs + "</defs>")
	}
	b.WriteString(`<g class="chart-axes" font-size="11" fill="#333">`)
	for v := 0.0; v <= sc.max+sc.step/2; v += sc.step {
		y := num(sc.y(v))
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#d7dce3"/>`, num(plotLeft), y, num(plotRight), y)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`, num(plotLeft-6), y, esc(c.format(v)))
	}
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, num(plotLeft), num(plotBottom), num(plotRight), num(plotBottom))
	every := (len(c.Categories) + maxAxisLabels - 1) / maxAxisLabels // thin out crowded labels
	for i, cat := range c.Categories {
		if i%every == 0 {
			fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, num(bandX(i, len(c.Categories))), num(plotBottom+16), esc(cat))
		}
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-weight="600">%s</text>`, num((plotLeft+plotRight)/2), num(plotBottom+36), esc(c.XLabel))
	fmt.Fprintf(b, `<text x="14" y="%s" text-anchor="middle" font-weight="600" transform="rotate(-90 14 %s)">%s</text>`,
		num(plotTop+plotHeight/2), num(plotTop+plotHeight/2), esc(c.YLabel))
	b.WriteString(`</g>`)
}

// legendItem is one entry of a legend: its swatch (SVG drawn with the
// top-left corner at 0,0 and 24 units wide) and its name.
type legendItem struct {
	swatch, name string
}

// legendLayout places the legend's items in rows under the plot, wrapping at
// its right edge: the top-left corner of each item and the rows' height.
func legendLayout(items []legendItem) (positions [][2]float64, height float64) {
	x, y := plotLeft, legendTop
	for _, it := range items {
		w := 32 + 6.5*float64(len([]rune(it.name)))
		if x+w > plotRight && x > plotLeft {
			x, y = plotLeft, y+legendRow
		}
		positions = append(positions, [2]float64{x, y})
		x += w + 14
	}
	return positions, y + legendRow - legendTop
}

// legend writes the legend at the positions legendLayout gave.
func legend(b *strings.Builder, items []legendItem, positions [][2]float64) {
	b.WriteString(`<g class="chart-legend" font-size="12" fill="#1d2430">`)
	for i, it := range items {
		x, y := positions[i][0], positions[i][1]
		fmt.Fprintf(b, `<g transform="translate(%s %s)">%s<text x="30" y="6" dominant-baseline="middle">%s</text></g>`,
			num(x), num(y), it.swatch, esc(it.name))
	}
	b.WriteString(`</g>`)
}

// close ends the SVG, adds the data table and ends the figure.
func (c *Chart) close(b *strings.Builder) template.HTML {
	b.WriteString(`</svg>`)
	b.WriteString(c.table())
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// table is the chart's data as an HTML table: a row per category, a column
// per series (then the target or the total, when the chart has one),
// folded into a details element when the chart has a TableSummary.
func (c *Chart) table() string {
	var b strings.Builder
	if c.TableSummary != "" {
		b.WriteString(`<details class="chart-data"><summary>` + esc(c.TableSummary) + `</summary>`)
	}
	b.WriteString(`<div class="table-wrap chart-data"><table><caption>` + esc(c.Title) + `</caption><thead><tr>`)
	b.WriteString(`<th scope="col">` + esc(c.XLabel) + `</th>`)
	for _, s := range c.Series {
		b.WriteString(`<th scope="col" class="num">` + esc(s.Name) + `</th>`)
	}
	if c.Target != nil {
		b.WriteString(`<th scope="col" class="num">` + esc(c.Target.Label) + `</th>`)
	}
	if c.TotalLabel != "" {
		b.WriteString(`<th scope="col" class="num">` + esc(c.TotalLabel) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, cat := range c.Categories {
		b.WriteString(`<tr><th scope="row">` + esc(cat) + `</th>`)
		total := 0.0
		for _, s := range c.Series {
			v := math.NaN()
			if i < len(s.Values) {
				v = s.Values[i]
			}
			if !math.IsNaN(v) {
				total += v
			}
			b.WriteString(`<td class="num">` + esc(c.format(v)) + `</td>`)
		}
		if c.Target != nil {
			b.WriteString(`<td class="num">` + esc(c.format(c.Target.Value)) + `</td>`)
		}
		if c.TotalLabel != "" {
			b.WriteString(`<td class="num">` + esc(c.format(total)) + `</td>`)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	if c.TableSummary != "" {
		b.WriteString(`</details>`)
	}
	return b.String()
}
