package handlers_test

import (
	"fmt"
	"strings"
	"testing"
)

// apiDirective is the part of a directive's JSON the tests read.
type apiDirective struct {
	ID               uint           `json:"id"`
	ThemeID          uint           `json:"theme_id"`
	Title            string         `json:"title"`
	DueDate          *string        `json:"due_date"`
	AssignmentIDs    []uint         `json:"assignment_ids"`
	StatusCounts     map[string]int `json:"status_counts"`
	TimelinessCounts map[string]int `json:"timeliness_counts"`
}

func TestAPICreateDirectiveForAgencies(t *testing.T) {
	e := newEnv(t)
	coord := e.token("coordinator")
	cases := []struct {
		name       string
		codes      []string
		kinds      []string
		want       int
		byKind     map[string]int
		wantAgency []string
	}{
		{"all provinces", nil, []string{"province"}, 63, map[string]int{"province": 63}, nil},
		{"all ministries and provinces", nil, []string{"ministry", "province"}, 93,
			map[string]int{"ministry": 30, "province": 63}, nil},
		{"named agencies", []string{"BTTTT", "01"}, nil, 2, map[string]int{"ministry": 1, "province": 1},
			[]string{"BTTTT", "01"}},
		{"kind plus a code already in it", []string{"01"}, []string{"province"}, 63, map[string]int{"province": 63}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do("POST", "/api/v1/directives", coord, map[string]any{
				"theme_id": e.themeID(4), "pillar": "data", "title": "Ban hành kế hoạch dữ liệu mở năm 2023",
				"deliverable": "Kế hoạch được ký ban hành", "due_date": "30/04/2023",
				"agency_codes": tc.codes, "agency_kinds": tc.kinds})
			expectStatus(t, rec, 201)
			var d apiDirective
			decode(t, rec, &d)
			if len(d.AssignmentIDs) != tc.want || d.StatusCounts["not_started"] != tc.want ||
				d.TimelinessCounts["open_on_track"] != tc.want {
				t.Errorf("%d assignment ids, counts %v %v; want %d", len(d.AssignmentIDs), d.StatusCounts, d.TimelinessCounts, tc.want)
			}
			if d.DueDate == nil || *d.DueDate != "2023-04-30" {
				t.Errorf("due_date %v, want 2023-04-30", d.DueDate)
			}
			var page apiList[apiAssignment]
			decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments?directive_id=%d&per_page=500", d.ID), coord, nil), &page)
			if page.Total != int64(tc.want) || len(page.Items) != tc.want {
				t.Fatalf("GET assignments: total %d, %d items; want %d", page.Total, len(page.Items), tc.want)
			}
			byKind := map[string]int{}
			var codes []string
			for _, a := range page.Items {
				byKind[a.AgencyKind]++
				codes = append(codes, a.AgencyCode)
				if a.DueDate == nil || *a.DueDate != "2023-04-30" || a.Status != "not_started" {
					t.Errorf("assignment %+v: want not_started due 2023-04-30", a)
				}
			}
			if fmt.Sprint(byKind) != fmt.Sprint(tc.byKind) {
				t.Errorf("agency kinds %v, want %v", byKind, tc.byKind)
			}
			if tc.wantAgency != nil && strings.Join(codes, ",") != strings.Join(tc.wantAgency, ",") {
				t.Errorf("agencies %v, want %v", codes, tc.wantAgency)
			}
		})
	}
}

func TestAPICreateDirectiveInvalid(t *testing.T) {
	e := newEnv(t)
	coord := e.token("coordinator")
	valid := func() map[string]any {
		return map[string]any{"theme_id": e.themeID(4), "title": "Công bố dữ liệu mở", "due_date": "2023-04-30",
			"agency_kinds": []string{"ministry"}}
	}
	cases := []struct {
		name   string
		change map[string]any
		field  string
	}{
		{"no title", map[string]any{"title": "  "}, "title"},
		{"impossible date", map[string]any{"due_date": "31/02/2023"}, "due_date"},
		{"not a date", map[string]any{"due_date": "abc"}, "due_date"},
		{"unknown theme", map[string]any{"theme_id": 9999}, "theme_id"},
		{"no theme", map[string]any{"theme_id": 0}, "theme_id"},
		{"unknown pillar", map[string]any{"pillar": "culture"}, "pillar"},
		{"unknown agency code", map[string]any{"agency_codes": []string{"KHONGCO"}}, "agency_codes"},
		{"unknown agency kind", map[string]any{"agency_kinds": []string{"city"}}, "agency_kinds"},
		{"no agency", map[string]any{"agency_kinds": []string{}}, "agency_codes"},
		{"unknown target", map[string]any{"target_code": "ZZ-99"}, "target_code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := valid()
			for k, v := range tc.change {
				body[k] = v
			}
			rec := e.do("POST", "/api/v1/directives", coord, body)
			expectStatus(t, rec, 422)
			var out apiErr
			decode(t, rec, &out)
			if out.Fields[tc.field] == "" {
				t.Errorf("no message for %q in %v", tc.field, out.Fields)
			}
		})
	}
	var all apiList[apiDirective]
	decode(t, e.do("GET", "/api/v1/directives?q=Công+bố+dữ+liệu+mở", coord, nil), &all)
	if all.Total != 0 {
		t.Errorf("%d directives written by refused requests", all.Total)
	}
}

func TestAPIShowAndListDirectives(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	var a apiAssignment
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", id), viewer, nil), &a)

	rec := e.do("GET", fmt.Sprintf("/api/v1/directives/%d", a.DirectiveID), viewer, nil)
	expectStatus(t, rec, 200)
	var d apiDirective
	decode(t, rec, &d)
	if len(d.AssignmentIDs) != 1 || d.AssignmentIDs[0] != id || d.ThemeID != e.themeID(3) {
		t.Errorf("directive %+v: want assignment %d in theme %d", d, id, e.themeID(3))
	}

	var q apiList[apiDirective]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/directives?theme_id=%d&q=danh+mục+cơ+sở", e.themeID(3)), viewer, nil), &q)
	if q.Total != 1 || len(q.Items) != 1 || q.Items[0].ID != d.ID {
		t.Errorf("search: %+v, want only directive %d", q, d.ID)
	}
	var other apiList[apiDirective]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/directives?theme_id=%d&q=danh+mục+cơ+sở", e.themeID(4)), viewer, nil), &other)
	if other.Total != 0 {
		t.Errorf("another theme: %d directives, want 0", other.Total)
	}
	var paged apiList[apiDirective]
	decode(t, e.do("GET", "/api/v1/directives?per_page=2&page=2", viewer, nil), &paged)
	if len(paged.Items) != 2 || paged.Page != 2 || paged.PerPage != 2 || paged.Total < 4 {
		t.Errorf("page 2 of 2: %d items, page %d, per_page %d, total %d", len(paged.Items), paged.Page, paged.PerPage, paged.Total)
	}
}
