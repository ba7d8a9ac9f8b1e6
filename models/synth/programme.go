package synth

import (
	"fmt"
	"strings"
	"time"

	"roviec/models"
)

// themes2023 are the ten monthly themes of the 2023 programme: first and
// last month, Vietnamese and English title.
func themes2023() []models.Theme {
	t := func(first, last int, vi, en string) models.Theme {
		return models.Theme{FirstMonth: first, LastMonth: last, TitleVI: vi, TitleEN: en, Source: "synthetic"}
	}
	return []models.Theme{
		t(1, 3, "Khởi động Năm Dữ liệu số quốc gia", "Launch of the National Digital Data Year"),
		t(4, 4, "Dữ liệu mở", "Open data"),
		t(5, 5, "Cơ sở dữ liệu chuyên ngành", "Sector databases"),
		t(6, 6, "Phân tích, xử lý dữ liệu", "Data analysis and processing"),
		t(7, 7, "Quản trị dữ liệu", "Data governance"),
		t(8, 8, "Nhân lực dữ liệu", "Data workforce"),
		t(9, 9, "Hạ tầng dữ liệu quốc gia", "National data infrastructure"),
		t(10, 10, "Kết nối, chia sẻ dữ liệu", "Data connection and sharing"),
		t(11, 11, "Bảo vệ dữ liệu cá nhân", "Personal data protection"),
		t(12, 12, "Tổng kết Năm Dữ liệu số quốc gia", "Review of the National Digital Data Year"),
	}
}

// issue is a directive, the agencies it goes to (indices into
// g.agencies) and whether its assignments have begun by the moment: issued
// a week before it or earlier.
type issue struct {
	directive models.Directive
	to        []int
	begun     bool
}

// plan makes the p-th yearly plan, its themes, and its share of the
// directives (each theme as many as it has months), appended to issues.
func (g *generator) plan(p int, issues []issue) ([]issue, error) {
	year := FirstYear + p
	start := time.Date(year, time.January, 2, 8, 0, 0, 0, g.loc).UTC()
	plan := models.Plan{ID: uint(p + 1), Name: fmt.Sprintf("Kế hoạch Dữ liệu số năm %d", year),
		NameEN: fmt.Sprintf("Digital Data Plan %d", year), Year: year, CreatedAt: start, UpdatedAt: start}
	if err := g.sink.AddPlan(&plan); err != nil {
		return nil, err
	}
	g.sum.Plans++
	themes := themes2023()
	n := g.cfg.Directives / g.cfg.Plans
	if p < g.cfg.Directives%g.cfg.Plans {
		n++
	}
	months := 0
	for i := range themes {
		th := &themes[i]
		th.ID, th.PlanID = uint(p*len(themes)+i+1), plan.ID
		th.Description = fmt.Sprintf("Chủ đề tháng %d-%d/%d (dữ liệu tổng hợp)", th.FirstMonth, th.LastMonth, year)
		if err := g.sink.AddTheme(th); err != nil {
			return nil, err
		}
		g.sum.Themes++
		first := n * months / 12
		months += th.LastMonth - th.FirstMonth + 1
		for range n*months/12 - first {
			is, err := g.directive(year, th)
			if err != nil {
				return nil, err
			}
			issues = append(issues, is)
		}
	}
	return issues, nil
}

// directive makes one directive of theme th: issued by the coordinator on a
// working day before the theme starts (never after the moment the data
// stands), due on a working day inside the theme's months, to its audience.
func (g *generator) directive(year int, th *models.Theme) (issue, error) {
	g.ids.directive++
	first := dayOf(models.DayFromDate(year, time.Month(th.FirstMonth), 1))
	last := dayOf(models.EndOfMonth(year, th.LastMonth))
	jan2 := dayOf(models.DayFromDate(year, time.January, 2))
	issued := g.workdayIn(max(first-30, jan2), max(first-3, jan2+7))
	today := g.dayOfTime(g.moment)
	if issued >= today {
		issued = g.cal.prevWorkday(today - 1)
	}
	due := g.cal.date(g.workdayIn(max(first, issued+10), last))
	at := g.clock(issued)
	verbs := []string{"Ban hành kế hoạch triển khai", "Rà soát, đánh giá", "Hoàn thành", "Báo cáo kết quả",
		"Tổ chức tập huấn về", "Cập nhật, chuẩn hóa", "Kiểm tra, đôn đốc", "Xây dựng quy chế về", "Công bố danh mục",
		"Tổng hợp, đề xuất giải pháp về"}
	deliverables := []string{"Kế hoạch", "Báo cáo", "Quyết định", "Danh mục dữ liệu", "Quy chế", "Văn bản hướng dẫn"}
	topic := strings.ToLower(th.TitleVI)
	coord := g.coord.ID
	d := models.Directive{ID: g.ids.directive, PlanID: th.PlanID, ThemeID: th.ID,
		Pillar: models.Pillars[g.rng.IntN(len(models.Pillars))],
		Title:  fmt.Sprintf("%s %s năm %d", verbs[g.rng.IntN(len(verbs))], topic, year),
		Description: fmt.Sprintf("Nhiệm vụ số %d thuộc chủ đề \"%s\" năm %d; cơ quan được giao báo cáo kết quả kèm văn bản.",
			g.ids.directive, th.TitleVI, year),
		Deliverable: deliverables[g.rng.IntN(len(deliverables))], DueOn: due, Source: "synthetic",
		CreatedByID: &coord, CreatedAt: at, UpdatedAt: at}
	d.RefreshSearchKey()
	g.sum.Directives++
	return issue{directive: d, to: g.audience(), begun: issued+7 <= today}, g.sink.AddDirective(&d)
}
