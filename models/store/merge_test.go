package store_test

import (
	"errors"
	"fmt"
	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
	"slices"
	"strings"
	"testing"
	"time"
)

// figuresAsOf writes down the scoreboard of every directive and the league
// tables (all agencies, provinces) as of each day, with the agencies by
// code, so that a merger's changes to the agencies' rows (inactive, a
// successor) do not count, only the figures.
func figuresAsOf(t *testing.T, s *store.Store, directives []uint, days []models.Day, now time.Time) string {
	t.Helper()
	var b strings.Builder
	for _, day := range days {
		for _, id := range directives {
			sb, err := s.Scoreboard(ctx, id, day, now)
			must(t, err)
			fmt.Fprintf(&b, "%s %d %+v %+v\n", day, id, sb.Ministries, sb.Provinces)
			for _, l := range sb.NotDone {
				fmt.Fprintf(&b, "  %d %s %s %d %s %+v\n", l.AssignmentID, l.Agency.Code, l.Status, l.Progress, l.DueOn, l.Timeliness)
			}
		}
		for _, kind := range []models.AgencyKind{"", models.KindProvince} {
			rows, err := s.League(ctx, store.LeagueFilter{Kind: kind, AsOf: day}, now)
			must(t, err)
			for _, r := range rows {
				fmt.Fprintf(&b, "league %s %s %d %s %d %d %d %d %d %d %s\n", day, kind, r.Rank, r.Agency.Code, r.Assigned, r.Due,
					r.DoneOnTime, r.DoneLate, r.OpenOverdue, r.DaysOverdue, r.Status)
			}
		}
	}
	return b.String()
}

// TestReplayMergers2025 replays every merger of provinces of July 2025 on the
// 2023 demo: no assignment is lost, open work moves to the successors (or is
// cancelled where the successor holds the same directive), finished work
// and the merged provinces' figures as of 2023 stay as they were, whether
// read from kept figures, rebuilt from the history or kept again by a sweep;
// and the kept tallies, standings and status counts match a recount.
func TestReplayMergers2025(t *testing.T) {
	s, _ := demoStore(t)
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	var directives []uint
	must(t, s.DB().Model(&models.Directive{}).Order("id").Pluck("id", &directives).Error)
	days := []models.Day{"2023-02-25", "2023-06-30", "2023-12-31"}
	before := figuresAsOf(t, s, directives, days, now)
	var total, openBefore int64
	must(t, s.DB().Model(&models.Assignment{}).Count(&total).Error)
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	must(t, s.DB().Model(&models.Assignment{}).Where("status IN ?", open).Count(&openBefore).Error)

	mergers, err := seed.Mergers2025(ctx, s)
	must(t, err)
	if len(mergers) != 23 {
		t.Fatalf("%d mergers, want 23 (34 provinces: 11 unchanged or renamed)", len(mergers))
	}
	moved, cancelled := 0, 0
	for _, m := range mergers {
		res, err := s.MergeAgencies(ctx, m, nil, now)
		if err != nil {
			t.Fatalf("merge %v into %s: %v", m.From, m.Into, err)
		}
		moved, cancelled = moved+res.Moved, cancelled+res.Cancelled
	}
	if moved+cancelled == 0 {
		t.Fatal("the demo has no open work in the merged provinces: the replay tests nothing")
	}
	active, err := s.ListAgencies(ctx, store.AgencyFilter{Kind: models.KindProvince, ActiveOnly: true})
	must(t, err)
	if len(active) != 34 {
		t.Errorf("%d active provinces after the mergers, want 34", len(active))
	}

	var after, openAfter, leftOpen int64
	must(t, s.DB().Model(&models.Assignment{}).Count(&after).Error)
	must(t, s.DB().Model(&models.Assignment{}).Where("status IN ?", open).Count(&openAfter).Error)
	must(t, s.DB().Model(&models.Assignment{}).Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("assignments.status IN ? AND agencies.active = ?", open, false).Count(&leftOpen).Error)
	if after != total || openAfter != openBefore-int64(cancelled) || leftOpen != 0 {
		t.Errorf("assignments %d -> %d, open %d -> %d (%d cancelled), %d open left with merged agencies",
			total, after, openBefore, openAfter, cancelled, leftOpen)
	}
	must(t, s.CheckTallies(ctx))

	if got := figuresAsOf(t, s, directives, days, now); got != before {
		t.Errorf("figures as of 2023 changed (kept figures):\n%s", firstDiff(before, got))
	}
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	if got := figuresAsOf(t, s, directives, days, now); got != before {
		t.Errorf("figures as of 2023 changed (rebuilt from the history):\n%s", firstDiff(before, got))
	}
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	later := now.AddDate(0, 0, 3)
	_, err = s.KeepDays(ctx, "2023-01-01", models.DayOf(later, s.Location()), later)
	must(t, err)
	if got := figuresAsOf(t, s, directives, days, later); got != before {
		t.Errorf("figures as of 2023 changed (kept by a sweep):\n%s", firstDiff(before, got))
	}
	// A day after the merger counts the moved work for the successors: the
	// sweep that kept it must not have run across the merger.
	kept, err := s.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: models.DayOf(later, s.Location()).AddDays(-1)}, later)
	must(t, err)
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	rebuilt, err := s.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: models.DayOf(later, s.Location()).AddDays(-1)}, later)
	must(t, err)
	if len(kept) != 34 || fmt.Sprint(kept) != fmt.Sprint(rebuilt) {
		t.Errorf("league after the mergers: %d provinces kept, %d rebuilt, or they differ", len(kept), len(rebuilt))
	}
}

// firstDiff is the first line where two texts differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, now %d", len(la), len(lb))
}

// TestMergeMovesOpenWork merges Hà Giang (02) into Tuyên Quang (08) where only
// Hà Giang holds a directive: its open assignment of it moves (those of the programme's directives, which Tuyên Quang holds too, are cancelled), keeping its status,
// progress and history, with a row naming Hà Giang; Hà Giang's focal point
// moves; a scoreboard and a league as of the day before still name Hà Giang.
func TestMergeMovesOpenWork(t *testing.T) {
	s := seededStore(t)
	var theme models.Theme
	must(t, s.DB().Order("id").First(&theme).Error)
	created := time.Date(2023, 3, 1, 9, 0, 0, 0, s.Location())
	d, list, err := s.CreateDirective(ctx, models.DirectiveInput{ThemeID: theme.ID, Title: "Việc riêng của Hà Giang",
		DueDate: "31/03/2023", AgencyCodes: []string{"02"}}, nil, created)
	must(t, err)
	must(t, s.DB().Model(&models.Assignment{}).Where("id = ?", list[0].ID).Updates(map[string]any{"status": models.StatusInProgress, "progress": 40}).Error)
	must(t, s.DB().Create(&models.Update{AssignmentID: list[0].ID, At: created.Add(time.Hour), FromStatus: models.StatusNotStarted,
		ToStatus: models.StatusInProgress, Progress: 40, DueOn: "2023-03-31", Version: 2}).Error)
	must(t, s.DB().Model(&models.Assignment{}).Where("id = ?", list[0].ID).Update("version", 2).Error)
	hg, err := s.AgencyByCode(ctx, "02")
	must(t, err)
	focal := models.User{Email: "focal@hagiang.gov.vn", Name: "Đầu mối", Role: models.RoleFocal, AgencyID: &hg.ID, Language: "vi", Active: true, PasswordHash: "x"}
	must(t, s.DB().Create(&focal).Error)

	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	res, err := s.MergeAgencies(ctx, models.Merger{Into: "08", From: []string{"02"}}, nil, now)
	must(t, err)
	if res.Moved != 1 || res.Users != 1 || res.Successor.Code != "08" {
		t.Fatalf("result %+v", res)
	}
	var a models.Assignment
	must(t, s.DB().First(&a, list[0].ID).Error)
	if a.AgencyID != res.Successor.ID || a.Status != models.StatusInProgress || a.Progress != 40 || a.Version != 3 {
		t.Errorf("moved assignment %+v", a)
	}
	var last models.Update
	must(t, s.DB().Where("assignment_id = ?", a.ID).Order("id DESC").First(&last).Error)
	if last.FromAgencyID == nil || *last.FromAgencyID != hg.ID || !strings.Contains(last.Note, "Hà Giang") {
		t.Errorf("history row %+v", last)
	}
	must(t, s.DB().First(&focal, focal.ID).Error)
	must(t, s.DB().First(hg, hg.ID).Error)
	if *focal.AgencyID != res.Successor.ID || hg.Active || hg.SuccessorID == nil || *hg.SuccessorID != res.Successor.ID || hg.MergedOn != "2025-07-01" {
		t.Errorf("focal point's agency %d, Hà Giang %+v", *focal.AgencyID, hg)
	}
	must(t, s.CheckTallies(ctx))
	for _, day := range []models.Day{"2023-04-10", "2025-06-30"} {
		sb, err := s.Scoreboard(ctx, d.ID, day, now)
		must(t, err)
		if len(sb.NotDone) != 1 || sb.NotDone[0].Agency.Code != "02" || sb.NotDone[0].Progress != 40 {
			t.Errorf("scoreboard as of %s: %+v", day, sb.NotDone)
		}
		rows, err := s.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: day}, now)
		must(t, err)
		held := map[string]int{}
		for _, r := range rows {
			held[r.Agency.Code] = r.Assigned
		}
		if held["02"] != held["08"]+1 { // the programme's to both, and Hà Giang's own
			t.Errorf("league as of %s: Hà Giang holds %d, Tuyên Quang %d", day, held["02"], held["08"])
		}
	}
	// The theme's matrix as of a day before the merger: the moved task in
	// Hà Giang's row, not in Tuyên Quang's; today in Tuyên Quang's.
	for day, want := range map[models.Day]string{"2023-04-10": "02", "": "08"} {
		m, err := s.ThemeMatrix(ctx, theme.ID, day, now, store.MatrixWindow{Rows: store.Page{PerPage: 500}, Columns: store.Page{PerPage: 100}})
		must(t, err)
		col := slices.IndexFunc(m.Directives, func(x models.Directive) bool { return x.ID == d.ID })
		var holders []string
		for _, r := range m.Rows {
			if col >= 0 && r.Cells[col] != nil {
				holders = append(holders, r.Agency.Code)
			}
		}
		if len(holders) != 1 || holders[0] != want {
			t.Errorf("matrix as of %q: the task in the rows of %v, want %s", day, holders, want)
		}
	}
	for code, want := range map[string]int{"02": 1, "08": 0} {
		ag, err := s.AgencyByCode(ctx, code)
		must(t, err)
		list, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{AgencyID: ag.ID, DirectiveID: d.ID}, "2023-04-10", now)
		must(t, err)
		if len(list) != want || (want == 1 && list[0].AgencyID != hg.ID) {
			t.Errorf("agency %s's work on the directive as of 10/04/2023: %d, want %d", code, len(list), want)
		}
	}
	sb, err := s.Scoreboard(ctx, d.ID, "", now)
	must(t, err)
	if len(sb.NotDone) != 1 || sb.NotDone[0].Agency.Code != "08" {
		t.Errorf("scoreboard today: %+v", sb.NotDone)
	}
	if _, err := s.MergeAgencies(ctx, models.Merger{Into: "08", From: []string{"02"}}, nil, now); !errors.As(err, new(*models.ValidationError)) {
		t.Errorf("merging a merged agency again: %v", err)
	}
}

// TestPreviewMergerChangesNothing previews a merger: the same figures as the
// merger then writes, and nothing written by the preview.
func TestPreviewMergerChangesNothing(t *testing.T) {
	s, _ := demoStore(t)
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	m := models.Merger{Into: "TN-BK", Name: "Thái Nguyên (mới)", From: []string{"19", "06"}}
	count := func() (agencies, updates, audits int64) {
		must(t, s.DB().Model(&models.Agency{}).Where("active").Count(&agencies).Error)
		must(t, s.DB().Model(&models.Update{}).Count(&updates).Error)
		must(t, s.DB().Model(&models.AuditEntry{}).Count(&audits).Error)
		return
	}
	a0, u0, l0 := count()
	preview, err := s.PreviewMerger(ctx, m, nil, now)
	must(t, err)
	if a1, u1, l1 := count(); a1 != a0 || u1 != u0 || l1 != l0 {
		t.Fatalf("the preview wrote: active agencies %d -> %d, updates %d -> %d, audit rows %d -> %d", a0, a1, u0, u1, l0, l1)
	}
	if !preview.Created || preview.Successor.Code != "TN-BK" || preview.Moved+preview.Cancelled == 0 {
		t.Fatalf("preview: %+v", preview)
	}
	done, err := s.MergeAgencies(ctx, m, nil, now)
	must(t, err)
	if done.Moved != preview.Moved || done.Cancelled != preview.Cancelled || done.Kept != preview.Kept || done.Users != preview.Users {
		t.Fatalf("merged %+v, previewed %+v", done, preview)
	}
	var invalid *models.ValidationError
	if _, err := s.PreviewMerger(ctx, m, nil, now); !errors.As(err, &invalid) {
		t.Fatalf("previewing a done merger: %v, want a validation error", err)
	}
}

// TestMergeMovesTheCalendarFeed: the merged agencies' calendar feed goes to
// the successor when it has none (subscribed calendars go on showing the
// work), and the others' feeds are deleted, not left empty for ever.
func TestMergeMovesTheCalendarFeed(t *testing.T) {
	s := seededStore(t)
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	feedOf := func(code string) *models.CalendarFeed {
		a, err := s.AgencyByCode(ctx, code)
		must(t, err)
		f, err := s.CalendarFeed(ctx, store.FeedOwner{AgencyID: a.ID}, true, now)
		must(t, err)
		return f
	}
	hg, cb := feedOf("02"), feedOf("04")
	res, err := s.MergeAgencies(ctx, models.Merger{Into: "08", From: []string{"02", "04"}}, nil, now)
	must(t, err)
	got, err := s.CalendarFeedBySecret(ctx, hg.Secret)
	must(t, err)
	if got.AgencyID == nil || *got.AgencyID != res.Successor.ID {
		t.Fatalf("the first merged agency's feed: %+v, want the successor's", got)
	}
	if _, err := s.CalendarFeedBySecret(ctx, cb.Secret); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("the second merged agency's feed: %v, want gone", err)
	}
}

// TestMergeClosesRequestsOfCancelledWork: an open assignment cancelled by
// a merger (the successor holds the directive already) closes its pending
// extension request and unanswered explanation request with it; one moved
// to the successor keeps them open, now the successor's to follow.
func TestMergeClosesRequestsOfCancelledWork(t *testing.T) {
	s := seededStore(t)
	var theme models.Theme
	must(t, s.DB().Order("id").First(&theme).Error)
	created := time.Date(2023, 3, 1, 9, 0, 0, 0, s.Location())
	_, both, err := s.CreateDirective(ctx, models.DirectiveInput{ThemeID: theme.ID, Title: "Việc chung của hai tỉnh",
		DueDate: "31/03/2023", AgencyCodes: []string{"02", "08"}}, nil, created)
	must(t, err)
	_, own, err := s.CreateDirective(ctx, models.DirectiveInput{ThemeID: theme.ID, Title: "Việc riêng của Hà Giang",
		DueDate: "31/03/2023", AgencyCodes: []string{"02"}}, nil, created)
	must(t, err)
	hg, err := s.AgencyByCode(ctx, "02")
	must(t, err)
	var cancelled uint
	for _, a := range both {
		if a.AgencyID == hg.ID {
			cancelled = a.ID
		}
	}
	moved := own[0].ID
	asked := time.Date(2023, 3, 20, 9, 0, 0, 0, s.Location())
	ext := map[uint]uint{}
	req := map[uint]uint{}
	for _, id := range []uint{cancelled, moved} {
		e := models.Extension{AssignmentID: id, RequestedByID: 1, RequestedAt: asked, CurrentDue: "2023-03-31", NewDue: "2023-04-30",
			Reason: "Chờ số liệu", Status: models.ExtensionPending}
		must(t, s.DB().Create(&e).Error)
		r := models.ExplanationRequest{AssignmentID: id, DueOn: "2023-03-31", RequestedAt: asked}
		must(t, s.DB().Create(&r).Error)
		ext[id], req[id] = e.ID, r.ID
	}
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	res, err := s.MergeAgencies(ctx, models.Merger{Into: "08", From: []string{"02"}}, nil, now)
	must(t, err)
	if res.Cancelled < 1 || res.Moved < 1 {
		t.Fatalf("result %+v", res)
	}
	for id, wantClosed := range map[uint]bool{cancelled: true, moved: false} {
		e, err := s.ExtensionByID(ctx, ext[id])
		must(t, err)
		r, err := s.ExplanationByID(ctx, req[id])
		must(t, err)
		if (e.Status == models.ExtensionClosed) != wantClosed || r.Open() == wantClosed {
			t.Errorf("assignment %d (cancelled %v): extension %q, explanation open %v", id, id == cancelled, e.Status, r.Open())
		}
	}
}
