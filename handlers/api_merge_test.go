package handlers_test

import (
	"strings"
	"testing"

	"roviec/models"
)

type apiMerge struct {
	Successor struct {
		Code, Name string
		Active     bool
	}
	Created                       bool
	Moved, Cancelled, Kept, Users int
	DryRun                        bool `json:"dry_run"`
}

// TestAPIMergeAgencies merges Hà Nội's focal point's province into a new
// one through the API: a dry run says what would move and changes nothing,
// the merger moves the same, the user follows, and merging it again is a
// 422 naming the field and the merged agency.
func TestAPIMergeAgencies(t *testing.T) {
	e := newEnv(t)
	admin := e.token("admin")
	body := map[string]any{"into": "HN-MOI", "from": []string{"01", "35"}, "name": "Hà Nội (mới)", "dry_run": true}
	var dry apiMerge
	decode(t, e.do("POST", "/api/v1/agencies/merge", admin, body), &dry)
	if !dry.DryRun || !dry.Created || dry.Successor.Code != "HN-MOI" || dry.Moved+dry.Cancelled == 0 || dry.Users != 1 {
		t.Fatalf("dry run: %+v", dry)
	}
	if _, err := e.store.AgencyByCode(t.Context(), "HN-MOI"); err == nil {
		t.Fatal("the dry run created the successor")
	}
	body["dry_run"] = false
	var done apiMerge
	decode(t, e.do("POST", "/api/v1/agencies/merge", admin, body), &done)
	if done.DryRun || done.Moved != dry.Moved || done.Cancelled != dry.Cancelled || done.Users != 1 || !done.Successor.Active {
		t.Fatalf("merged %+v after a dry run of %+v", done, dry)
	}
	u, err := e.store.UserByID(t.Context(), e.users["focal2"].ID)
	if err != nil {
		t.Fatal(err)
	}
	succ, err := e.store.AgencyByCode(t.Context(), "HN-MOI")
	if err != nil || u.AgencyID == nil || *u.AgencyID != succ.ID {
		t.Fatalf("Hà Nội's focal point is in agency %v, want HN-MOI's %v (%v)", u.AgencyID, succ, err)
	}

	rec := e.do("POST", "/api/v1/agencies/merge", admin, map[string]any{"into": "HN-MOI", "from": []string{"01"}})
	expectStatus(t, rec, 422)
	var out apiErr
	decode(t, rec, &out)
	if !strings.Contains(out.Fields["from"], "Cơ quan 01 đã ngừng hoạt động") {
		t.Fatalf("merging a merged agency: %+v", out)
	}
	rec = e.do("POST", "/api/v1/agencies/merge", admin, map[string]any{"into": "", "from": []string{}})
	expectStatus(t, rec, 422)
	decode(t, rec, &out)
	if out.Fields["into"] == "" || out.Fields["from"] == "" {
		t.Fatalf("an empty merger: %+v", out)
	}
}

// TestAPIDirectiveForMergedAgency refuses a directive given to a merged
// agency by its code (422 naming the successor, nothing written), while
// "all provinces" goes to the active ones only.
func TestAPIDirectiveForMergedAgency(t *testing.T) {
	e := newEnv(t)
	admin, coord := e.token("admin"), e.token("coordinator")
	expectStatus(t, e.do("POST", "/api/v1/agencies/merge", admin, map[string]any{"into": "08", "from": []string{"02"}}), 200)
	var before apiList[apiDirective]
	decode(t, e.do("GET", "/api/v1/directives", coord, nil), &before)
	rec := e.do("POST", "/api/v1/directives", coord, map[string]any{"theme_id": e.themeID(5), "title": "Rà soát dữ liệu",
		"agency_codes": []string{"BTTTT", "02"}})
	expectStatus(t, rec, 422)
	var out apiErr
	decode(t, rec, &out)
	if !strings.Contains(out.Fields["agency_codes"], "Hà Giang (02) đã sáp nhập vào Tuyên Quang (08) ngày 25/02/2023") {
		t.Fatalf("a directive for a merged agency: %+v", out)
	}
	var after apiList[apiDirective]
	decode(t, e.do("GET", "/api/v1/directives", coord, nil), &after)
	if after.Total != before.Total {
		t.Fatalf("a refused directive was written: %d -> %d directives", before.Total, after.Total)
	}
	rec = e.do("POST", "/api/v1/directives", coord, map[string]any{"theme_id": e.themeID(5), "title": "Rà soát dữ liệu",
		"agency_kinds": []string{"province"}})
	expectStatus(t, rec, 201)
	var d apiDirective
	decode(t, rec, &d)
	hg, err := e.store.AgencyByCode(t.Context(), "02")
	if err != nil {
		t.Fatal(err)
	}
	var toMerged int64
	if err := e.store.DB().Model(&models.Assignment{}).Where("directive_id = ? AND agency_id = ?", d.ID, hg.ID).Count(&toMerged).Error; err != nil {
		t.Fatal(err)
	}
	if toMerged != 0 || len(d.AssignmentIDs) != 62 {
		t.Fatalf("all provinces: %d assignments, %d of them to the merged Hà Giang; want the 62 active provinces", len(d.AssignmentIDs), toMerged)
	}
}
