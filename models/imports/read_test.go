package imports

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"roviec/models"
)

func TestAgenciesOf(t *testing.T) {
	m, p := models.KindMinistry, models.KindProvince
	cases := []struct {
		in    string
		codes []string
		kinds []models.AgencyKind
		ok    bool
	}{
		{"BTTTT, 01", []string{"BTTTT", "01"}, nil, true},
		{"btttt;79\n01", []string{"BTTTT", "79", "01"}, nil, true},
		{"Tất cả bộ, ngành", nil, []models.AgencyKind{m}, true},
		{"tat ca tinh, thanh pho", nil, []models.AgencyKind{p}, true},
		{"TẤT CẢ", nil, []models.AgencyKind{m, p}, true},
		{"all ministries, 01", []string{"01"}, []models.AgencyKind{m}, true},
		{"All provinces; all ministries; all", nil, []models.AgencyKind{p, m}, true},
		{" , ;", nil, nil, false},
	}
	for _, c := range cases {
		codes, kinds, ok := agenciesOf(c.in)
		if !reflect.DeepEqual(codes, c.codes) || !reflect.DeepEqual(kinds, c.kinds) || ok != c.ok {
			t.Errorf("agenciesOf(%q) = %v %v %v, want %v %v %v", c.in, codes, kinds, ok, c.codes, c.kinds, c.ok)
		}
	}
}

func TestDateCellAndMonth(t *testing.T) {
	for in, want := range map[string]models.Day{"45107": "2023-06-30", "45107.5": "2023-06-30", "30/06/2023": "2023-06-30",
		"30.6.2023": "2023-06-30", "2023-06-30": "2023-06-30", "": ""} {
		if got, ok := dateCell(in); !ok || got != want {
			t.Errorf("dateCell(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"31/02/2023", "2023", "-5", "hôm qua", "1"} {
		if got, ok := dateCell(in); ok {
			t.Errorf("dateCell(%q) = %q, want refused", in, got)
		}
	}
	for in, want := range map[string]int{"4": 4, "Tháng 4": 4, "T12": 12, "4/2023": 4, "month 7": 7, "13": 0, "tư": 0, "0": 0} {
		if got := monthOf(in); got != want {
			t.Errorf("monthOf(%q) = %d, want %d", in, got, want)
		}
	}
}

// A CSV's separator is told by its header; blank rows are skipped but
// counted, so that row numbers are the spreadsheet's; a file of MaxRows
// directives with blank rows between them is read whole, one more is refused.
func TestReadCSVRowsAndLimits(t *testing.T) {
	rows, err := Read("x.csv", []byte("\xEF\xBB\xBFTên nhiệm vụ;Cơ quan thực hiện;Ghi chú riêng\n\"Việc; một\";01\n;;\nViệc hai;\"BTTTT, 01\";x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[0].Input.Title != "Việc; một" || rows[1].Line != 4 ||
		!reflect.DeepEqual(rows[1].Input.AgencyCodes, []string{"BTTTT", "01"}) {
		t.Fatalf("rows = %+v", rows)
	}
	if rows[1].Problems.Fields[ColThemeMonth].ID != "err.import_month_required" {
		t.Errorf("a missing month: %v", rows[1].Problems)
	}
	file := func(n int) []byte {
		var b strings.Builder
		b.WriteString("Tên nhiệm vụ,Tháng chủ đề\n")
		for i := range n {
			fmt.Fprintf(&b, "Việc %d,5\n", i)
			if i%100 == 0 {
				b.WriteString(",\n")
			}
		}
		return []byte(b.String())
	}
	if rows, err := Read("x.csv", file(MaxRows)); err != nil || len(rows) != MaxRows || rows[MaxRows-1].Input.Title != fmt.Sprintf("Việc %d", MaxRows-1) {
		t.Errorf("%d directives with blank rows: %d read, %v", MaxRows, len(rows), err)
	}
	var v *models.ValidationError
	if _, err := Read("x.csv", file(MaxRows+1)); !errors.As(err, &v) || v.Fields["file"].ID != "err.import_too_many_rows" {
		t.Errorf("%d directives: %v", MaxRows+1, err)
	}
	for name, data := range map[string]string{"broken quotes": "Tên nhiệm vụ\n\"a\"b\"\n", "no title column": "Việc,Tháng\na,1\n",
		"latin-1": "T\xean nhi\xe1\xbbm v\xe1\xbb\n", "empty": "\xEF\xBB\xBF", "only the header": "Tên nhiệm vụ\n"} {
		if _, err := Read("x.csv", []byte(data)); !errors.As(err, &v) || v.Fields["file"].ID == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}
