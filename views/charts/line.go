package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Line draws the series as lines with a marker at each value (a missing
// value breaks the line) and the target, when set, as a dashed line.
func Line(c Chart) template.HTML {
	top := c.YMax
	if top == 0 {
		for _, s := range c.Series {
			for _, v := range s.Values {
				if !math.IsNaN(v) {
					top = math.Max(top, v)
				}
			}
		}
		if c.Target != nil {
			top = math.Max(top, c.Target.Value)
		}
	}
	sc := niceScale(top)
	var items []legendItem
	for _, s := range c.Series {
		items = append(items, legendItem{
			swatch: fmt.Sprintf(`<line x1="0" y1="6" x2="24" y2="6" stroke="%s" stroke-width="2.5"/>%s`, esc(s.Color), marker(s.Mark, 12, 6, s.Color, "")),
			name:   s.Name})
	}
	if c.Target != nil {
		items = append(items, legendItem{swatch: `<line x1="0" y1="6" x2="24" y2="6" stroke="#1d2430" stroke-width="2" stroke-dasharray="6 4"/>`,
			name: c.Target.Label})
	}
	positions, lh := legendLayout(items)
	var b strings.Builder
	c.open(&b, sc, legendTop+lh, "")
	n := len(c.Categories)
	if c.Target != nil && c.Target.Value <= sc.max {
		y := num(sc.y(c.Target.Value))
		fmt.Fprintf(&b, `<g class="chart-target"><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#1d2430" stroke-width="2" stroke-dasharray="6 4"/>`,
			num(plotLeft), y, num(plotRight), y)
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" font-size="11" fill="#1d2430">%s</text></g>`,
			num(plotRight), num(sc.y(c.Target.Value)-5), esc(c.Target.Label))
	}
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<g class="chart-series">`)
		var path []string
		pen := "M"
		for i, v := range s.Values {
			if i >= n || math.IsNaN(v) {
				pen = "M"
				continue
			}
			path = append(path, fmt.Sprintf("%s%s %s", pen, num(bandX(i, n)), num(sc.y(v))))
			pen = "L"
		}
		if len(path) > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, strings.Join(path, " "), esc(s.Color))
		}
		for i, v := range s.Values {
			if i < n && !math.IsNaN(v) {
				tip := c.Categories[i] + ": " + c.format(v)
				b.WriteString(marker(s.Mark, bandX(i, n), sc.y(v), s.Color, tip))
			}
		}
		b.WriteString(`</g>`)
	}
	legend(&b, items, positions)
	return c.close(&b)
}

// marker draws a marker shape centred on x, y, with tip as its tooltip.
func marker(shape string, x, y float64, color, tip string) string {
	var el string
	switch shape {
	case "square":
		el = fmt.Sprintf(`<rect x="%s" y="%s" width="9" height="9"`, num(x-4.5), num(y-4.5))
	case "triangle":
		el = fmt.Sprintf(`<path d="M%s %s L%s %s L%s %s Z"`, num(x), num(y-5.5), num(x+5.5), num(y+4.5), num(x-5.5), num(y+4.5))
	case "diamond":
		el = fmt.Sprintf(`<path d="M%s %s L%s %s L%s %s L%s %s Z"`, num(x), num(y-6), num(x+6), num(y), num(x), num(y+6), num(x-6), num(y))
	default:
		el = fmt.Sprintf(`<circle cx="%s" cy="%s" r="4.5"`, num(x), num(y))
	}
	el += fmt.Sprintf(` fill="%s" stroke="#fff" stroke-width="1.5"`, esc(color))
	if tip == "" {
		return el + `/>`
	}
	return el + `><title>` + esc(tip) + `</title>` + closing(el)
}

// closing is the end tag of the element el opens.
func closing(el string) string {
	name, _, _ := strings.Cut(strings.TrimPrefix(el, "<"), " ")
	return "</" + name + ">"
}
