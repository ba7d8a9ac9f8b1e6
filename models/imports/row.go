package imports

import (
	"math"
	"strconv"
	"strings"
	"time"

	"roviec/models"
)

// Row is one directive read from a file: the input for the store (its
// ThemeID left for the store to find from Month in the chosen plan), and
// what is wrong in the cells themselves, keyed by column.
type Row struct {
	Line     int
	Input    models.DirectiveInput
	Month    int // 1-12; 0 when missing or unreadable (told in Problems)
	Problems *models.ValidationError
}

// parseRow reads one row's cells. Texts are passed on as written: the
// store checks them as it checks a form's.
func parseRow(r cells) Row {
	v := &models.ValidationError{}
	row := Row{Line: r.line, Problems: v}
	in := &row.Input
	in.Title, in.Description, in.Deliverable = r.by[ColTitle], r.by[ColDescription], r.by[ColDeliverable]
	in.Pillar = pillarOf(r.by[ColPillar])
	if m := r.by[ColThemeMonth]; m == "" {
		v.Add(ColThemeMonth, "err.import_month_required")
	} else if row.Month = monthOf(m); row.Month == 0 {
		v.Add(ColThemeMonth, "err.import_month_invalid", "Value", m)
	}
	due, ok := dateCell(r.by[ColDueDate])
	if !ok {
		v.Add(ColDueDate, "err.due_date_invalid")
	}
	in.DueDate = due.VN()
	codes, kinds, ok := agenciesOf(r.by[ColAgencies])
	if !ok {
		v.Add(ColAgencies, "err.import_agencies_required")
	}
	in.AgencyCodes, in.AgencyKinds = codes, kinds
	docDate, ok := dateCell(r.by[ColDocDate])
	if !ok {
		v.Add(ColDocDate, "err.import_doc_date_invalid")
	}
	in.Source = sourceOf(r.by[ColDocNumber], docDate)
	return row
}

// sourceOf is the directive's source as the form's field holds it: the
// document's number and date ("12/KH-BTTTT ngày 01/03/2023").
func sourceOf(number string, date models.Day) string {
	switch {
	case date.IsZero():
		return number
	case number == "":
		return "ngày " + date.VN()
	}
	return number + " ngày " + date.VN()
}

// excelEpoch is day 0 of Excel's 1900 date system as it counts after
// February 1900 (its phantom 29 February makes the epoch 30 December 1899).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateCell reads a date as a form does (models.ParseDay), or an Excel date
// cell's serial number; false when it is neither. An empty cell is no date.
func dateCell(s string) (models.Day, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "/-") {
		day := models.Day(excelEpoch.AddDate(0, 0, int(math.Floor(f))).Format(models.DayLayout))
		y := day.Time().Year()
		return day, f >= 1 && y >= models.MinYear && y <= models.MaxYear
	}
	d, err := models.ParseDay(s)
	return d, err == nil
}

// monthOf reads a theme month: "4", "Tháng 4", "T4", "4/2023", "month 4";
// 0 when it is none of 1-12.
func monthOf(s string) int {
	f := models.Fold(s)
	for _, p := range []string{"thang", "month", "t"} {
		f = strings.TrimSpace(strings.TrimPrefix(f, p))
	}
	if i := strings.IndexAny(f, "/-."); i > 0 {
		f = f[:i]
	}
	m, err := strconv.Atoi(f)
	if err != nil || m < 1 || m > 12 {
		return 0
	}
	return m
}

// pillarLabels are the pillars as the Vietnamese and English pages name them.
var pillarLabels = map[string][]string{
	"data":       {"Dữ liệu", "Data"},
	"government": {"Chính phủ số", "Digital government"},
	"economy":    {"Kinh tế số", "Digital economy"},
	"society":    {"Xã hội số", "Digital society"},
	"security":   {"An toàn, an ninh mạng", "Cybersecurity"},
}

// pillarOf is the pillar a cell names, by its code or its label; a cell
// naming none is passed on as written, for the store to refuse.
func pillarOf(s string) string {
	f := models.Fold(s)
	for code, labels := range pillarLabels {
		if f == code {
			return code
		}
		for _, l := range labels {
			if f == models.Fold(l) {
				return code
			}
		}
	}
	return s
}

// allWords are the words for every agency of some kinds, folded.
var allWords = map[string][]models.AgencyKind{
	"all":                   {models.KindMinistry, models.KindProvince},
	"tat ca":                {models.KindMinistry, models.KindProvince},
	"all ministries":        {models.KindMinistry},
	"tat ca bo":             {models.KindMinistry},
	"tat ca bo nganh":       {models.KindMinistry},
	"tat ca cac bo":         {models.KindMinistry},
	"tat ca cac bo nganh":   {models.KindMinistry},
	"all provinces":         {models.KindProvince},
	"tat ca tinh":           {models.KindProvince},
	"tat ca cac tinh":       {models.KindProvince},
	"tat ca dia phuong":     {models.KindProvince},
	"tat ca cac dia phuong": {models.KindProvince},
	"tat ca tinh thanh":     {models.KindProvince},
	"tat ca tinh thanh pho": {models.KindProvince},
}

// agenciesOf reads the agencies cell: codes and words for all ministries,
// all provinces or all, separated by commas, semicolons or lines; false
// when it names none.
func agenciesOf(s string) ([]string, []models.AgencyKind, bool) {
	f := models.Fold(strings.NewReplacer("\n", ",", ";", ",").Replace(s))
	// "bộ, ngành" and "tỉnh, thành phố" are one word with a comma in it.
	f = strings.NewReplacer("bo, nganh", "bo nganh", "tinh, thanh pho", "tinh thanh pho").Replace(f)
	var codes []string
	var kinds []models.AgencyKind
	seen := map[models.AgencyKind]bool{}
	for _, tok := range strings.Split(f, ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		if ks, ok := allWords[tok]; ok {
			for _, k := range ks {
				if !seen[k] {
					seen[k] = true
					kinds = append(kinds, k)
				}
			}
			continue
		}
		codes = append(codes, strings.ToUpper(tok))
	}
	return codes, kinds, len(codes)+len(kinds) > 0
}
