package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// apiShare is a share of agencies done in the targets API.
type apiShare struct {
	Done    int      `json:"done"`
	Total   int      `json:"total"`
	Percent *float64 `json:"percent"`
}

// apiTarget is a target in the targets API.
type apiTarget struct {
	PlanID                uint     `json:"plan_id"`
	Code                  string   `json:"code"`
	Comparator            string   `json:"comparator"`
	Value                 float64  `json:"value"`
	Scope                 string   `json:"scope"`
	Baseline2022          *float64 `json:"baseline_2022"`
	ResponsibleAgencyCode *string  `json:"responsible_agency_code"`
	AsOf                  string   `json:"as_of"`
	CurrentValue          *float64 `json:"current_value"`
	Met                   bool     `json:"met"`
	Directives            []struct {
		ID    uint   `json:"id"`
		Title string `json:"title"`
	} `json:"directives"`
	Split *struct {
		Overall    apiShare `json:"overall"`
		Ministries apiShare `json:"ministries"`
		Provinces  apiShare `json:"provinces"`
	} `json:"split"`
	Reported   *apiTargetValue  `json:"reported"`
	History    []apiTargetValue `json:"history"`
	Trajectory []struct {
		Date     string   `json:"date"`
		Value    *float64 `json:"value"`
		Baseline bool     `json:"baseline"`
	} `json:"trajectory"`
}

// apiTargetValue is a reported value in the targets API.
type apiTargetValue struct {
	ID         uint    `json:"id"`
	TargetCode string  `json:"target_code"`
	Value      float64 `json:"value"`
	AsOf       string  `json:"as_of"`
	Source     string  `json:"source"`
	Note       string  `json:"note"`
	EnteredBy  string  `json:"entered_by"`
	CreatedAt  string  `json:"created_at"`
}

func TestAPIListTargets(t *testing.T) {
	e := newEnv(t)
	rec := e.do("GET", "/api/v1/targets", e.token("viewer"), nil)
	expectStatus(t, rec, http.StatusOK)
	var out struct {
		PlanID uint        `json:"plan_id"`
		AsOf   string      `json:"as_of"`
		Items  []apiTarget `json:"items"`
		Total  int         `json:"total"`
	}
	decode(t, rec, &out)
	if out.PlanID == 0 || out.AsOf != "2023-02-25" || len(out.Items) != 36 || out.Total != 36 {
		t.Fatalf("plan %d as of %s, %d items (total %d)", out.PlanID, out.AsOf, len(out.Items), out.Total)
	}
	byCode := map[string]apiTarget{}
	for _, it := range out.Items {
		byCode[it.Code] = it
	}
	d1, s2 := byCode["D1"], byCode["S2"]
	if d1.Scope != "agencies" || d1.Split == nil || d1.Split.Overall != (apiShare{0, 93, d1.Split.Overall.Percent}) ||
		d1.Split.Ministries.Total != 30 || d1.Split.Provinces.Total != 63 || d1.CurrentValue == nil || *d1.CurrentValue != 0 ||
		d1.Met || len(d1.Directives) != 1 || d1.Reported != nil || d1.Comparator != ">=" || d1.Value != 100 {
		t.Errorf("D1 = %+v", d1)
	}
	if s2.Scope != "national" || s2.Split != nil || s2.CurrentValue != nil || s2.Met || s2.Baseline2022 == nil || *s2.Baseline2022 != 75 ||
		s2.ResponsibleAgencyCode == nil || *s2.ResponsibleAgencyCode != "BTTTT" || len(s2.Directives) != 0 {
		t.Errorf("S2 = %+v", s2)
	}

	for _, path := range []string{"/api/v1/targets?as_of=31-02-2023", "/api/v1/targets?plan_id=x"} {
		rec := e.do("GET", path, e.token("viewer"), nil)
		expectStatus(t, rec, http.StatusUnprocessableEntity)
		var ae apiErr
		decode(t, rec, &ae)
		if len(ae.Fields) != 1 {
			t.Errorf("%s: fields %v", path, ae.Fields)
		}
	}
	expectStatus(t, e.do("GET", "/api/v1/targets?plan_id=999", e.token("viewer"), nil), http.StatusNotFound)
	expectStatus(t, e.do("GET", "/api/v1/targets", "", nil), http.StatusUnauthorized)
	expectStatus(t, e.do("GET", "/api/v1/targets/ZZ9", e.token("viewer"), nil), http.StatusNotFound)
}

// TestAPITargetRollUp moves some assignments of the directive serving D1 to
// done and compares GET /api/v1/targets/D1 with a count of the same rows.
func TestAPITargetRollUp(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var d1 apiTarget
	decode(t, e.do("GET", "/api/v1/targets/d1", e.token("viewer"), nil), &d1)
	list, _, err := e.store.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: d1.Directives[0].ID, Page: store.Page{PerPage: 500}}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	coord := e.users["coordinator"]
	done := map[models.AgencyKind]int{}
	for i := 0; i < len(list); i += 9 { // every ninth agency, ministries and provinces alike
		for _, st := range []models.Status{models.StatusSubmitted, models.StatusDone} {
			ch := models.AssignmentChange{Status: &st, EvidenceRef: strPtr("15/QĐ")}
			if _, err := e.store.UpdateAssignment(ctx, coord, &models.Assignment{ID: list[i].ID}, ch, e.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		done[list[i].Agency.Kind]++
	}
	if done[models.KindMinistry] == 0 || done[models.KindProvince] == 0 {
		t.Fatalf("the sample misses a kind: %v", done)
	}
	rec := e.do("GET", "/api/v1/targets/D1", e.token("viewer"), nil)
	expectStatus(t, rec, http.StatusOK)
	decode(t, rec, &d1)
	s := d1.Split
	if s.Ministries.Done != done[models.KindMinistry] || s.Provinces.Done != done[models.KindProvince] ||
		s.Overall.Done != done[models.KindMinistry]+done[models.KindProvince] || s.Overall.Total != 93 {
		t.Errorf("split %+v, hand count %v", s, done)
	}
	want := 100 * float64(s.Overall.Done) / 93
	if d1.CurrentValue == nil || *d1.CurrentValue != want || d1.Met || len(d1.History) != 0 {
		t.Errorf("current %v, want %v", d1.CurrentValue, want)
	}
	if n := len(d1.Trajectory); n != 2 || d1.Trajectory[0].Date != "2023-01-31" || d1.Trajectory[0].Value != nil ||
		d1.Trajectory[1].Date != "2023-02-25" || *d1.Trajectory[1].Value != want {
		t.Errorf("trajectory %+v", d1.Trajectory)
	}
}

func TestAPIReportTargetValue(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal") // BTTTT, responsible for S2 (households on fibre, > 85%, 75% in 2022)
	post := func(token, code string, body any) *httptest.ResponseRecorder {
		t.Helper()
		return e.do("POST", "/api/v1/targets/"+code+"/values", token, body)
	}
	ok := map[string]any{"value": 85, "as_of": "2023-01-31", "source": "Cục Viễn thông", "note": "Số liệu quý IV/2022"}
	for who, code := range map[string]string{"focal2": "S2", "viewer": "S2", "focal": "G3"} { // G3 is reported by VPCP
		expectStatus(t, post(e.token(who), code, ok), http.StatusForbidden)
	}
	expectStatus(t, post(focal, "ZZ9", ok), http.StatusNotFound)
	expectStatus(t, post(focal, "S2", `{"value": 80, "unit": "%"}`), http.StatusBadRequest)
	invalid := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"value": 120, "as_of": "2023-01-31", "source": "x"}, "value"},
		{map[string]any{"as_of": "2023-01-31", "source": "x"}, "value"},
		{map[string]any{"value": 80, "as_of": "2023-02-26", "source": "x"}, "as_of"},
		{map[string]any{"value": 80, "as_of": "31/02/2023", "source": "x"}, "as_of"},
		{map[string]any{"value": 80, "as_of": "2023-01-31", "source": " "}, "source"},
	}
	for _, tc := range invalid {
		rec := post(focal, "S2", tc.body)
		expectStatus(t, rec, http.StatusUnprocessableEntity)
		var ae apiErr
		decode(t, rec, &ae)
		if ae.Fields[tc.field] == "" || len(ae.Fields) != 1 {
			t.Errorf("%v: fields %v, want %s", tc.body, ae.Fields, tc.field)
		}
	}
	rec := post(e.token("coordinator"), "D1", ok) // computed, not reported
	expectStatus(t, rec, http.StatusUnprocessableEntity)

	rec = post(focal, "S2", ok)
	expectStatus(t, rec, http.StatusCreated)
	var v apiTargetValue
	decode(t, rec, &v)
	if v.ID == 0 || v.TargetCode != "S2" || v.Value != 85 || v.AsOf != "2023-01-31" || v.Source != "Cục Viễn thông" ||
		v.Note != "Số liệu quý IV/2022" || v.EnteredBy != e.users["focal"].Name || v.CreatedAt != "2023-02-25T09:00:00+07:00" {
		t.Errorf("created %+v", v)
	}
	var s2 apiTarget
	decode(t, e.do("GET", "/api/v1/targets/S2", focal, nil), &s2)
	if s2.CurrentValue == nil || *s2.CurrentValue != 85 || s2.Met { // "> 85": 85 is not enough
		t.Errorf("after 85: current %v met %v", s2.CurrentValue, s2.Met)
	}
	ok["value"], ok["as_of"] = 85.5, "2023-02-20"
	expectStatus(t, post(e.token("coordinator"), "S2", ok), http.StatusCreated)
	decode(t, e.do("GET", "/api/v1/targets/S2", focal, nil), &s2)
	if s2.CurrentValue == nil || *s2.CurrentValue != 85.5 || !s2.Met || s2.Reported == nil || s2.Reported.AsOf != "2023-02-20" {
		t.Errorf("after 85.5: %+v", s2)
	}
	if len(s2.History) != 2 || s2.History[0].Value != 85.5 || s2.History[1].Value != 85 {
		t.Errorf("history %+v, want both values, newest first", s2.History)
	}
	if n := len(s2.Trajectory); n != 3 || !s2.Trajectory[0].Baseline || *s2.Trajectory[0].Value != 75 ||
		*s2.Trajectory[1].Value != 85 || s2.Trajectory[2].Date != "2023-02-25" || *s2.Trajectory[2].Value != 85.5 {
		t.Errorf("trajectory %+v", s2.Trajectory)
	}
	decode(t, e.do("GET", "/api/v1/targets/S2?as_of=2023-02-01", focal, nil), &s2)
	if s2.AsOf != "2023-02-01" || *s2.CurrentValue != 85 || s2.Met {
		t.Errorf("as of 01/02: %v met %v", *s2.CurrentValue, s2.Met)
	}
}

func strPtr(s string) *string { return &s }
