package charts

import (
	"encoding/xml"
	"flag"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name string, got template.HTML) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// wellFormed fails when the markup is not well-formed XML.
func wellFormed(t *testing.T, html template.HTML) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(html)))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, html)
		}
	}
}

// decimalComma writes a value the Vietnamese way, as the pages pass it in.
func decimalComma(v float64) string {
	return strings.Replace(strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64), ".", ",", 1)
}

func trajectory() Chart {
	return Chart{ID: "t-D3", Title: "Lộ trình D3", Desc: "Tỷ lệ theo tháng so với chỉ tiêu 100%.", XLabel: "Tháng",
		YLabel: "%", Categories: []string{"2022", "T1", "T2", "T3"},
		Series: []Series{{Name: "Giá trị", Values: []float64{54.34, math.NaN(), 10, 25.5}, Color: "#0b57a4", Mark: "circle"}},
		Target: &Reference{Value: 30, Label: "Chỉ tiêu > 30%"}, YMax: 100, Unit: "%", Number: decimalComma}
}

func split() Chart {
	return Chart{ID: "split", Title: "Theo tháng đến hạn", Desc: "Bốn nhóm tiến độ.", XLabel: "Tháng", YLabel: "Số nhiệm vụ",
		Categories: []string{"T1", "T2"}, TotalLabel: "Tổng",
		Series: []Series{
			{Name: "Đúng hạn", Values: []float64{3, 0}, Color: "#1e7b34", Mark: "solid"},
			{Name: "Quá hạn", Values: []float64{2, 4}, Color: "#b3261e", Mark: "cross"},
		}}
}

func TestLineGolden(t *testing.T) {
	out := Line(trajectory())
	wellFormed(t, out)
	golden(t, "line.html", out)
}

func TestStackedBarsGolden(t *testing.T) {
	out := StackedBars(split())
	wellFormed(t, out)
	golden(t, "bars.html", out)
}

// TestLineKeyElements checks what the golden file holds, one fact at a time.
func TestLineKeyElements(t *testing.T) {
	out := string(Line(trajectory()))
	for _, want := range []string{
		`role="img" aria-label="Lộ trình D3" aria-describedby="t-d3-desc"`,
		`<title>Lộ trình D3</title><desc id="t-d3-desc">Tỷ lệ theo tháng so với chỉ tiêu 100%.</desc>`,
		`y1="164" x2="620" y2="164" stroke="#1d2430" stroke-width="2" stroke-dasharray="6 4"`, // the target at 30 of 100
		`<path d="M126.5 115.3 M408.5 204 L549.5 173"`,                                        // broken where T1 has no value
		`<title>T3: 25,5%</title>`,
		`<th scope="row">T1</th><td class="num">—</td><td class="num">30%</td>`,
		`<figcaption>Lộ trình D3</figcaption>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("line chart lacks %s", want)
		}
	}
	if n := strings.Count(out, "<circle"); n != 3+1 { // three values and the legend
		t.Errorf("%d circle markers, want 4", n)
	}
}

func TestStackedBarsKeyElements(t *testing.T) {
	out := string(StackedBars(split()))
	for _, want := range []string{
		`<pattern id="split-p1" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#b3261e"/><path d="M0 4 H8 M4 0 V8"`,
		`fill="url(#split-p0)" stroke="#1d2430" stroke-width="0.5"><title>T1 · Đúng hạn: 3</title>`,
		`<th scope="row">T2</th><td class="num">0</td><td class="num">4</td><td class="num">4</td>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bar chart lacks %s", want)
		}
	}
	if n := strings.Count(out, "<rect x="); n != 3+2 { // three non-empty segments and two legend swatches
		t.Errorf("%d rectangles, want 5", n)
	}
}

// TestLongChartsStayReadable: crowded category names are thinned out under
// the plot (the table keeps them all), and a long table can be folded.
func TestLongChartsStayReadable(t *testing.T) {
	c := Chart{ID: "weeks", Title: "Tuần", TableSummary: "Bảng số liệu"}
	for i := 0; i < 30; i++ {
		c.Categories = append(c.Categories, fmt.Sprintf("w%02d", i))
	}
	c.Series = []Series{{Name: "Xong", Values: make([]float64, 30), Color: "#1e7b34", Mark: "circle"}}
	out := string(Line(c))
	wellFormed(t, template.HTML(out))
	for i, cat := range c.Categories {
		under := strings.Contains(out, `text-anchor="middle">`+cat+`</text>`)
		if under != (i%3 == 0) {
			t.Errorf("%s under the plot: %v", cat, under)
		}
		if !strings.Contains(out, `<th scope="row">`+cat+`</th>`) {
			t.Errorf("%s missing from the table", cat)
		}
	}
	if !strings.Contains(out, `<details class="chart-data"><summary>Bảng số liệu</summary><div class="table-wrap chart-data"><table>`) ||
		!strings.HasSuffix(out, `</table></div></details></figure>`) {
		t.Error("the table is not folded into a details element")
	}
}

func TestLabelsAreEscaped(t *testing.T) {
	evil := `<script>alert("x")</script> & 'q'`
	c := trajectory()
	c.ID = `"><script>`
	c.Title, c.Desc, c.XLabel, c.YLabel = evil, evil, evil, evil
	c.Categories[1] = evil
	c.Series[0].Name, c.Series[0].Color = evil, `red" onload="alert(1)`
	c.Target.Label = evil
	b := split()
	b.Title, b.Categories[0], b.Series[0].Name, b.TotalLabel = evil, evil, evil, evil
	b.Series[1].Color = `"/><script>`
	for name, out := range map[string]template.HTML{"line": Line(c), "bars": StackedBars(b)} {
		wellFormed(t, out)
		s := string(out)
		if strings.Contains(s, "<script") || strings.Contains(s, `onload="`) || strings.Contains(s, `'q'`) {
			t.Errorf("%s: a label reached the markup unescaped:\n%s", name, s)
		}
		if !strings.Contains(s, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;") {
			t.Errorf("%s: the escaped label is missing", name)
		}
	}
}

func TestNiceScale(t *testing.T) {
	tests := []struct{ top, max, step float64 }{
		{100, 100, 20},
		{93, 100, 20},
		{279, 300, 100},
		{7, 8, 2},
		{2, 2, 1},
		{0.4, 1, 1},
		{3, 3, 1},
		{0, 1, 1},
		{12, 15, 5},
	}
	for _, tc := range tests {
		if got := niceScale(tc.top); got.max != tc.max || got.step != tc.step {
			t.Errorf("niceScale(%v) = %+v, want max %v step %v", tc.top, got, tc.max, tc.step)
		}
	}
}
