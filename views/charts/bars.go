package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// StackedBars draws one bar per category with the series stacked in order
// from the bottom, each filled with its colour and pattern, and the total
// written above the bar.
func StackedBars(c Chart) template.HTML {
	n := len(c.Categories)
	totals := make([]float64, n)
	for _, s := range c.Series {
		for i, v := range s.Values {
			if i < n && !math.IsNaN(v) {
				totals[i] += v
			}
		}
	}
	top := c.YMax
	if top == 0 {
		for _, t := range totals {
			top = math.Max(top, t)
		}
	}
	sc := niceScale(top)
	id := safeID(c.ID)
	var defs strings.Builder
	var items []legendItem
	for k, s := range c.Series {
		pid := fmt.Sprintf("%s-p%d", id, k)
		defs.WriteString(pattern(pid, s.Mark, s.Color))
		items = append(items, legendItem{
			swatch: fmt.Sprintf(`<rect x="4" y="0" width="16" height="12" fill="url(#%s)" stroke="#1d2430" stroke-width="0.5"/>`, pid),
			name:   s.Name})
	}
	positions, lh := legendLayout(items)
	var b strings.Builder
	c.open(&b, sc, legendTop+lh, defs.String())
	band := (plotRight - plotLeft) / float64(max(n, 1))
	w := band * 0.6
	for i := range c.Categories {
		x := bandX(i, n) - w/2
		base := 0.0
		fmt.Fprintf(&b, `<g class="chart-bar">`)
		for k, s := range c.Series {
			if i >= len(s.Values) || math.IsNaN(s.Values[i]) || s.Values[i] <= 0 {
				continue
			}
			v := s.Values[i]
			y0, y1 := sc.y(base), sc.y(base+v)
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="url(#%s-p%d)" stroke="#1d2430" stroke-width="0.5"><title>%s</title></rect>`,
				num(x), num(y1), num(w), num(y0-y1), id, k, esc(c.Categories[i]+" · "+s.Name+": "+c.format(v)))
			base += v
		}
		if totals[i] > 0 {
			fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="11" fill="#1d2430">%s</text>`,
				num(bandX(i, n)), num(sc.y(totals[i])-4), esc(c.format(totals[i])))
		}
		b.WriteString(`</g>`)
	}
	legend(&b, items, positions)
	return c.close(&b)
}

// pattern defines a fill of colour with a white texture, so that the series
// stay apart in grey print and for readers who do not see the colours.
func pattern(id, mark, color string) string {
	texture := ""
	switch mark {
	case "hatch":
		texture = `<path d="M0 8 L8 0 M-2 2 L2 -2 M6 10 L10 6" stroke="#fff" stroke-width="1.5"/>`
	case "dots":
		texture = `<circle cx="4" cy="4" r="1.6" fill="#fff"/>`
	case "cross":
		texture = `<path d="M0 4 H8 M4 0 V8" stroke="#fff" stroke-width="1.2"/>`
	}
	return fmt.Sprintf(`<pattern id="%s" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="%s"/>%s</pattern>`,
		id, esc(color), texture)
}
