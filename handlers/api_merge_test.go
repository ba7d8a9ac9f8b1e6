package handlers_test

import (
	"strings"
	"testing"
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
