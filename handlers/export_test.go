package handlers_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"math"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheet is an export read back: its title lines (none in CSV), header and
// rows, as raw values (a date in a sheet is its serial number).
type sheet struct {
	title  []string
	header []string
	rows   [][]string
}

// readExport reads an export of the given format back with excelize or
// encoding/csv; firstHeader is the first column's header, which tells the
// title lines from the header in a sheet.
func readExport(t *testing.T, rec *httptest.ResponseRecorder, format, firstHeader string) sheet {
	t.Helper()
	expectStatus(t, rec, 200)
	body := rec.Body.Bytes()
	var all [][]string
	switch format {
	case "csv":
		if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("the CSV does not start with the byte order mark: %q", body[:min(len(body), 20)])
		}
		r := csv.NewReader(bytes.NewReader(body[3:]))
		r.FieldsPerRecord = -1
		var err error
		if all, err = r.ReadAll(); err != nil {
			t.Fatal(err)
		}
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		name := f.GetSheetName(0)
		if all, err = f.GetRows(name, excelize.Options{RawCellValue: true}); err != nil {
			t.Fatal(err)
		}
		if panes, err := f.GetPanes(name); err != nil || !panes.Freeze {
			t.Errorf("the header row is not frozen: %+v %v", panes, err)
		}
	}
	var s sheet
	for i, row := range all {
		if len(row) > 0 && row[0] == firstHeader {
			s.title, s.header, s.rows = flatten(all[:i]), row, all[i+1:]
			return s
		}
	}
	t.Fatalf("no header %q in %q", firstHeader, all)
	return s
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, " "))
	}
	return out
}

// cellDate is how an export writes an API date ("2023-03-31") in format:
// ISO in CSV, the serial number of the day in a sheet.
func cellDate(format string, d *string) string {
	if d == nil {
		return ""
	}
	if format == "csv" {
		return *d
	}
	day, _ := time.Parse("2006-01-02", *d)
	return fmt.Sprint(int(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
}

// sameRate compares a rate of the export with the API's (rounded to 4 places).
func sameRate(cell string, api *float64) bool {
	if api == nil {
		return cell == ""
	}
	v, err := strconv.ParseFloat(cell, 64)
	return err == nil && math.Abs(v-*api) < 1e-4
}

// TestExportLeagueMatchesAPI downloads the league of a theme today and as of
// a past day, as a sheet and as CSV, and finds the API's figures in it.
func TestExportLeagueMatchesAPI(t *testing.T) {
	e, theme := leagueWorld(t)
	for _, asOf := range []string{"", "2023-03-31"} {
		query := fmt.Sprintf("theme_id=%d&as_of=%s", theme, asOf)
		api := e.league(query + "&per_page=500")
		for _, format := range []string{"xlsx", "csv"} {
			rec := e.do("GET", "/api/v1/export/league?format="+format+"&"+query, e.token("viewer"), nil)
			s := readExport(t, rec, format, "Hạng")
			if len(s.rows) != len(api) {
				t.Fatalf("%s as of %q: %d rows, the API has %d", format, asOf, len(s.rows), len(api))
			}
			for i, r := range api {
				got := s.rows[i]
				rank := ""
				if r.Rank != nil {
					rank = fmt.Sprint(*r.Rank)
				}
				want := []string{rank, r.AgencyCode, r.Name, "", fmt.Sprint(r.Assigned), fmt.Sprint(r.DueSoFar), fmt.Sprint(r.DoneOnTime),
					fmt.Sprint(r.DoneLate), fmt.Sprint(r.OpenOverdue), fmt.Sprint(r.DaysOverdue)}
				for j, w := range want {
					if j != 3 && (j >= len(got) || got[j] != w) {
						t.Errorf("%s as of %q, row %d: %q, want %q", format, asOf, i, got, want)
						break
					}
				}
				if len(got) < 12 || !sameRate(got[10], r.OnTimeRate) {
					t.Errorf("%s as of %q, %s: rate %q, the API's %v", format, asOf, r.AgencyCode, got, r.OnTimeRate)
				}
			}
			if format == "xlsx" {
				day := "10/04/2023"
				if asOf != "" {
					day = "31/03/2023"
				}
				if title := strings.Join(s.title, "\n"); !strings.Contains(title, "Tính đến ngày "+day) || !strings.Contains(title, "Chủ đề: Dữ liệu mở") {
					t.Errorf("title lines %q lack the as-of date %s or the theme", s.title, day)
				}
			}
		}
	}
}

// TestExportLeagueOverdueOnlyKeepsRanks exports the late agencies only, each
// with its rank in the whole table, as the page lists them.
func TestExportLeagueOverdueOnlyKeepsRanks(t *testing.T) {
	e, theme := leagueWorld(t)
	var want []string
	for _, r := range e.league(fmt.Sprintf("theme_id=%d", theme)) {
		if r.OpenOverdue > 0 {
			want = append(want, fmt.Sprintf("%d %s", *r.Rank, r.AgencyCode))
		}
	}
	s := readExport(t, e.do("GET", fmt.Sprintf("/api/v1/export/league?format=csv&overdue=1&theme_id=%d", theme), e.token("viewer"), nil), "csv", "Hạng")
	var got []string
	for _, r := range s.rows {
		got = append(got, r[0]+" "+r[1])
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") || len(want) == 0 {
		t.Errorf("overdue only: %q, want %q", got, want)
	}
}

// assignmentsOf lists, through the API, every assignment query selects.
func (e *env) assignmentsOf(query string) []apiAssignment {
	e.t.Helper()
	rec := e.do("GET", "/api/v1/assignments?per_page=500&"+query, e.token("viewer"), nil)
	expectStatus(e.t, rec, 200)
	var out struct {
		Items []apiAssignment `json:"items"`
		Total int             `json:"total"`
	}
	decode(e.t, rec, &out)
	if out.Total != len(out.Items) {
		e.t.Fatalf("%d of %d assignments on the page", len(out.Items), out.Total)
	}
	return out.Items
}

// timelinessVI is the Vietnamese word of an API timeliness class, as
// exports write it (a cancelled assignment: its status).
var timelinessVI = map[string]string{"done_on_time": "Hoàn thành đúng hạn", "done_late": "Hoàn thành quá hạn",
	"open_overdue": "Quá hạn", "open_on_track": "Đang thực hiện trong hạn"}

// TestExportAssignmentsMatchesAPI exports the assignments of a theme, and
// its overdue ones, as the API lists them.
func TestExportAssignmentsMatchesAPI(t *testing.T) {
	e, theme := leagueWorld(t)
	for _, query := range []string{fmt.Sprintf("theme_id=%d", theme), fmt.Sprintf("theme_id=%d&timeliness=open_overdue", theme),
		"agency_code=01&status=in_progress"} {
		api := map[string]apiAssignment{}
		for _, a := range e.assignmentsOf(query) {
			api[fmt.Sprint(a.ID)] = a
		}
		for _, format := range []string{"xlsx", "csv"} {
			s := readExport(t, e.do("GET", "/api/v1/export/assignments?format="+format+"&"+query, e.token("viewer"), nil), format, "Mã giao việc")
			if len(s.rows) != len(api) || len(api) == 0 {
				t.Fatalf("%s %s: %d rows, the API lists %d", format, query, len(s.rows), len(api))
			}
			for _, r := range s.rows {
				a, ok := api[r[0]]
				tl := ""
				if ok && a.Timeliness != nil {
					tl = timelinessVI[*a.Timeliness]
				}
				if !ok || r[1] != fmt.Sprint(a.DirectiveID) || r[3] != a.AgencyCode || r[7] != fmt.Sprint(a.Progress) ||
					r[8] != cellDate(format, a.DueDate) || r[11] != cellDate(format, a.CompletedDate) || r[12] != tl ||
					r[13] != fmt.Sprint(a.DaysOverdue) {
					t.Errorf("%s %s: row %q, the API's %+v", format, query, r, a)
				}
			}
		}
	}
}

// scoreboardRow is an agency of the API's scoreboard.
type scoreboardRow struct {
	AgencyCode  string  `json:"agency_code"`
	Progress    int     `json:"progress"`
	DueDate     *string `json:"due_date"`
	DaysOverdue int     `json:"days_overdue"`
}

// TestExportScoreboardMatchesAPI exports a directive's scoreboard as of a
// past day: the counts per kind in the title, every agency assigned as a
// row (those not done first, as the API lists them, then those done).
func TestExportScoreboardMatchesAPI(t *testing.T) {
	e, theme := leagueWorld(t)
	directive := e.assignmentsOf(fmt.Sprintf("theme_id=%d&agency_code=BCA", theme))[0].DirectiveID
	path := fmt.Sprintf("/directives/%d/scoreboard?as_of=2023-04-01", directive)
	rec := e.do("GET", "/api/v1"+path, e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var api struct {
		Ministries, Provinces struct{ Done, Total int }
		NotDone               []scoreboardRow `json:"not_done"`
		Done                  []scoreboardRow `json:"done"`
	}
	decode(t, rec, &api)
	for _, format := range []string{"xlsx", "csv"} {
		s := readExport(t, e.do("GET", fmt.Sprintf("/api/v1/export/scoreboard?format=%s&directive_id=%d&as_of=2023-04-01", format, directive),
			e.token("viewer"), nil), format, "Mã cơ quan")
		all := append(api.NotDone, api.Done...)
		if total := api.Ministries.Total + api.Provinces.Total; len(s.rows) != total || len(api.Done) == 0 || len(api.NotDone) == 0 ||
			len(api.Done) != api.Ministries.Done+api.Provinces.Done {
			t.Fatalf("%s: %d rows, the API has %d not done and %d done of %d", format, len(s.rows), len(api.NotDone), len(api.Done), total)
		}
		for i, l := range all {
			if r := s.rows[i]; r[0] != l.AgencyCode || r[4] != fmt.Sprint(l.Progress) || r[5] != cellDate(format, l.DueDate) ||
				r[7] != fmt.Sprint(l.DaysOverdue) {
				t.Errorf("%s row %d: %q, the API's %+v", format, i, r, l)
			}
		}
		if format == "xlsx" {
			title := strings.Join(s.title, "\n")
			for _, want := range []string{"Tính đến ngày 01/04/2023", fmt.Sprintf("Bộ, ngành: %d/%d;", api.Ministries.Done, api.Ministries.Total),
				fmt.Sprintf("Địa phương: %d/%d;", api.Provinces.Done, api.Provinces.Total)} {
				if !strings.Contains(title, want) {
					t.Errorf("title lines %q lack %q", s.title, want)
				}
			}
		}
	}
}

// TestExportMatrixMatchesAPI exports a theme's matrix as of a past day, each
// cell the timeliness the API gives.
func TestExportMatrixMatchesAPI(t *testing.T) {
	e, theme := leagueWorld(t)
	rec := e.do("GET", fmt.Sprintf("/api/v1/themes/%d/matrix?as_of=2023-04-02&per_page=500", theme), e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var api struct {
		Directives []struct{ Title string }
		Rows       []struct {
			AgencyCode string `json:"agency_code"`
			Cells      []*struct{ Timeliness *string }
		}
	}
	decode(t, rec, &api)
	for _, format := range []string{"xlsx", "csv"} {
		s := readExport(t, e.do("GET", fmt.Sprintf("/api/v1/export/matrix?format=%s&theme_id=%d&as_of=2023-04-02", format, theme),
			e.token("viewer"), nil), format, "Mã cơ quan")
		if len(s.rows) != len(api.Rows) || len(s.header) != 3+len(api.Directives) {
			t.Fatalf("%s: %d rows and header %q; the API has %d rows, %d directives", format, len(s.rows), s.header, len(api.Rows), len(api.Directives))
		}
		for i, r := range api.Rows {
			got := append(s.rows[i], make([]string, len(s.header))...) // a sheet leaves trailing empty cells out
			if got[0] != r.AgencyCode {
				t.Errorf("%s row %d is %q, the API's %s", format, i, got[0], r.AgencyCode)
			}
			for j, c := range r.Cells {
				want := ""
				if c != nil && c.Timeliness != nil {
					want = timelinessVI[*c.Timeliness]
				}
				if got[3+j] != want {
					t.Errorf("%s %s, directive %d: %q, want %q", format, r.AgencyCode, j, got[3+j], want)
				}
			}
		}
	}
}

// TestExportTargetsMatchesAPI exports the 2023 targets with their current
// values, as the API gives them.
func TestExportTargetsMatchesAPI(t *testing.T) {
	e, _ := leagueWorld(t)
	rec := e.do("GET", "/api/v1/targets?as_of=2023-03-31", e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var api struct {
		Items []struct {
			Code         string   `json:"code"`
			CurrentValue *float64 `json:"current_value"`
			Met          bool     `json:"met"`
		}
	}
	decode(t, rec, &api)
	for _, format := range []string{"xlsx", "csv"} {
		s := readExport(t, e.do("GET", "/api/v1/export/targets?as_of=2023-03-31&format="+format, e.token("viewer"), nil), format, "Mã")
		if len(s.rows) != len(api.Items) || len(s.rows) == 0 {
			t.Fatalf("%s: %d targets, the API has %d", format, len(s.rows), len(api.Items))
		}
		for i, it := range api.Items {
			r := s.rows[i]
			result := "Chưa có số liệu"
			if it.CurrentValue != nil {
				result = map[bool]string{true: "Đạt", false: "Chưa đạt"}[it.Met]
			}
			if r[0] != it.Code || !sameRate(r[7], it.CurrentValue) || r[8] != result {
				t.Errorf("%s: %q, the API's %s %v %v", format, r, it.Code, it.CurrentValue, it.Met)
			}
		}
	}
}

// TestExportPermissionsAndBadInput: a download needs the right to read its
// view; a bad format, date or filter is a 422 naming it, an unknown
// directive or theme a 404, and none of them sends a file.
func TestExportPermissionsAndBadInput(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	cases := []struct {
		path, token string
		code        int
		field       string
	}{
		{"/api/v1/export/league", "", 401, ""},
		{"/api/v1/export/audit", viewer, 403, ""},
		{"/api/v1/export/review", viewer, 403, ""},
		{"/api/v1/export/review?format=csv", e.token("coordinator"), 200, ""},
		{"/api/v1/export/audit?format=csv", e.token("admin"), 200, ""},
		{"/api/v1/export/league?format=pdf", viewer, 422, "format"},
		{"/api/v1/export/league?as_of=31/02/2023", viewer, 422, "as_of"},
		{"/api/v1/export/assignments?status=finished", viewer, 422, "status"},
		{"/api/v1/export/assignments?agency_code=XX", viewer, 422, "agency_code"},
		{"/api/v1/export/scoreboard?directive_id=999999", viewer, 404, ""},
		{"/api/v1/export/scoreboard?directive_id=abc", viewer, 404, ""},
		{"/api/v1/export/matrix?theme_id=999999", viewer, 404, ""},
		{"/api/v1/export/targets?plan_id=999999", viewer, 404, ""},
	}
	for _, c := range cases {
		rec := e.do("GET", c.path, c.token, nil)
		if rec.Code != c.code {
			t.Errorf("%s: %d, want %d (%s)", c.path, rec.Code, c.code, rec.Body.String())
			continue
		}
		if c.code != 200 && strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: a refused request sent a file", c.path)
		}
		if c.field != "" && !strings.Contains(rec.Body.String(), `"`+c.field+`"`) {
			t.Errorf("%s: the 422 does not name %s: %s", c.path, c.field, rec.Body.String())
		}
	}
}

// TestExportFromPagesInTheUsersLanguage downloads through the pages' session:
// an English reader gets English headers; a visitor not logged in gets the
// login page, not a file.
func TestExportFromPagesInTheUsersLanguage(t *testing.T) {
	e := newEnv(t)
	anon := newBrowser(e).get("/export/league")
	if anon.Code != 303 && anon.Code != 302 {
		t.Errorf("not logged in: %d", anon.Code)
	}
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get("/export/league?format=xlsx")
	if got := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(got, `attachment; filename="roviec-league-`) || !strings.HasSuffix(got, `.xlsx"`) {
		t.Errorf("Content-Disposition %q", got)
	}
	readExport(t, rec, "xlsx", "Hạng")
	expectStatus(t, b.submit("/league", "/lang", url.Values{"lang": {"en"}, "next": {"/league"}}), 303)
	s := readExport(t, b.get("/export/league?format=csv"), "csv", "Rank")
	if s.header[1] != "Agency code" || len(s.rows) == 0 {
		t.Errorf("English header %q, %d rows", s.header, len(s.rows))
	}
}

// exportLink finds the download link of a format on a page.
func exportLink(t *testing.T, body, format string) string {
	t.Helper()
	for _, part := range strings.Split(body, `href="`)[1:] {
		link := html.UnescapeString(part[:strings.IndexByte(part, '"')])
		if strings.HasPrefix(link, "/export/") && strings.Contains(link, "format="+format) {
			return link
		}
	}
	t.Fatalf("no %s download on the page", format)
	return ""
}

// TestPagesLinkDownloadsOfWhatTheyShow: a page's download links carry its
// filters and as-of day, and the board's lead to the cards it selects.
func TestPagesLinkDownloadsOfWhatTheyShow(t *testing.T) {
	e, theme := leagueWorld(t)
	b := newBrowser(e)
	b.login("coordinator")
	league := b.get(fmt.Sprintf("/league?theme_id=%d&kind=province&as_of=31/03/2023&page=2", theme))
	expectStatus(t, league, 200)
	link := exportLink(t, league.Body.String(), "xlsx")
	for _, want := range []string{"/export/league?", fmt.Sprintf("theme_id=%d", theme), "kind=province", "as_of=31%2F03%2F2023"} {
		if !strings.Contains(link, want) || strings.Contains(link, "page=") {
			t.Errorf("league download %q: want %q and no page", link, want)
		}
	}
	s := readExport(t, b.get(link), "xlsx", "Hạng")
	if len(s.rows) != 3 || !strings.Contains(strings.Join(s.title, " "), "31/03/2023") { // 01, 79 and 48
		t.Errorf("the league's download: %q %q", s.title, s.rows)
	}
	board := b.get(fmt.Sprintf("/themes/%d?kind=province&overdue=1", theme))
	expectStatus(t, board, 200)
	rows := readExport(t, b.get(exportLink(t, board.Body.String(), "csv")), "csv", "Mã giao việc").rows
	var got []string
	for _, r := range rows {
		got = append(got, r[3])
	}
	sort.Strings(got) // an export lists by id
	if strings.Join(got, " ") != "01 48" {
		t.Errorf("the board's download lists %q, want its overdue provinces 01 48", got)
	}
	for _, page := range []string{fmt.Sprintf("/themes/%d/matrix", theme), "/targets", "/review", "/admin/audit"} {
		rec := b.get(page)
		if page == "/admin/audit" {
			b2 := newBrowser(e)
			b2.login("admin")
			rec = b2.get(page)
		}
		expectStatus(t, rec, 200)
		exportLink(t, rec.Body.String(), "csv")
	}
}

// TestExportReviewHoldsTheWholeQueue: with 600 submissions waiting (more
// than a page of the queue, and more than one chunk of its walk), the review
// queue's download holds every one of them, once.
func TestExportReviewHoldsTheWholeQueue(t *testing.T) {
	e := newEnv(t)
	var ids []uint
	if err := e.store.DB().Table("assignments").Order("id").Limit(600).Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		day := fmt.Sprintf("2023-03-%02d", 1+i%28)
		if err := e.store.DB().Exec("UPDATE assignments SET status = 'submitted', submitted_on = ?, evidence_ref = 'CV 1' WHERE id = ?", day, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	s := readExport(t, e.do("GET", "/api/v1/export/review?format=csv", e.token("coordinator"), nil), "csv", "Mã giao việc")
	if len(s.rows) != len(ids) {
		t.Fatalf("%d rows in the review queue's download, want %d", len(s.rows), len(ids))
	}
	seen := map[string]bool{}
	for _, r := range s.rows {
		key := strings.Join(r, "|")
		if seen[key] {
			t.Fatalf("row twice: %q", r)
		}
		seen[key] = true
	}
}
