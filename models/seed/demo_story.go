package seed

import (
	"fmt"
	"roviec/models"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The directive of seed 002 whose state on 25/02/2023 the demo reproduces:
// by then only 6 of 30 ministries and 29 of 63 provinces had issued their plan.
const demoPlanTitle = "Ban hành Kế hoạch chuyển đổi số năm 2023 của bộ, ngành, địa phương, nhấn mạnh chủ đề Năm Dữ liệu số quốc gia"

// Bounds of the demo's history: every update falls within 2023.
const (
	demoFirstDay   models.Day = "2023-01-04"
	demoLastSubmit models.Day = "2023-12-28" // leaves room for the acceptance before the year ends
	demoLastDay    models.Day = "2023-12-31"
)

// demoStep is one change in the illustrated history of an assignment, made by
// its agency's focal point or, when review is set, by the coordinator.
type demoStep struct {
	day    models.Day
	review bool
	change models.AssignmentChange
}

// demoProgress tells the story of every assignment of the plan that has no
// history yet, through the real workflow rules (AssignmentChange.apply), and
// writes the resulting assignments and their updates.
func demoProgress(tx *gorm.DB, planID uint, coord *models.User, focal map[uint]*models.User, loc *time.Location) error {
	var dirs []models.Directive
	if err := tx.Where("plan_id = ?", planID).Find(&dirs).Error; err != nil {
		return err
	}
	byID := map[uint]*models.Directive{}
	for i := range dirs {
		byID[dirs[i].ID] = &dirs[i]
	}
	var agencies []models.Agency
	if err := tx.Find(&agencies).Error; err != nil {
		return err
	}
	agencyByID := map[uint]*models.Agency{}
	for i := range agencies {
		agencyByID[agencies[i].ID] = &agencies[i]
	}
	early := demoEarlyPlans(agencies)
	var list []models.Assignment
	err := tx.Where("directive_id IN (?) AND id NOT IN (?)", tx.Model(&models.Directive{}).Select("id").Where("plan_id = ?", planID),
		tx.Model(&models.Update{}).Select("assignment_id")).Order("id").Find(&list).Error
	if err != nil {
		return err
	}
	var history []models.Update
	for i := range list {
		a := &list[i]
		d, ag, f := byID[a.DirectiveID], agencyByID[a.AgencyID], focal[a.AgencyID]
		if f == nil || a.DueOn.IsZero() {
			continue
		}
		steps := demoStory(d.Title, a.DueOn, ag, early[ag.ID] && d.Title == demoPlanTitle)
		for _, st := range steps {
			actor := f
			if st.review {
				actor = coord
			}
			at := st.day.Time()
			at = time.Date(at.Year(), at.Month(), at.Day(), 8+int(demoHash(d.Title, ag.Code, string(st.day))%9), 0, 0, 0, loc)
			upd, err := st.change.Apply(a, actor, at, loc)
			if err != nil {
				return fmt.Errorf("demo history of assignment %d: %w", a.ID, err)
			}
			history = append(history, *upd)
		}
		if len(steps) == 0 {
			continue
		}
		// UpdateColumns keeps the story's UpdatedAt, where Updates would stamp the clock's now (GORM's NowFunc).
		err := tx.Model(&models.Assignment{}).Where("id = ?", a.ID).Select("OwnerName", "OwnerEmail", "Status", "Progress",
			"SubmittedOn", "CompletedOn", "EvidenceRef", "EvidenceDate", "EvidenceURL", "UpdatedAt").UpdateColumns(a).Error
		if err != nil {
			return err
		}
	}
	if err := demoBackdate(tx, list, loc); err != nil {
		return err
	}
	if len(history) == 0 {
		return nil
	}
	return tx.Omit("User").CreateInBatches(history, 200).Error
}

// demoBackdate makes the assignments of the story exist from the start of it
// (00:00 on demoFirstDay), whenever the demo is loaded: "as of" views of 2023
// leave out assignments created later.
func demoBackdate(tx *gorm.DB, list []models.Assignment, loc *time.Location) error {
	start := demoFirstDay.Time()
	start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc).UTC()
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	for from := 0; from < len(ids); from += 500 {
		err := tx.Model(&models.Assignment{}).Where("id IN ? AND created_at > ?", ids[from:min(from+500, len(ids))], start).
			UpdateColumn("created_at", start).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// demoEarlyPlans picks, by a fixed hash of the code, the agencies that had
// issued their 2023 plan by 25/02/2023: 6 ministries and 29 provinces.
func demoEarlyPlans(agencies []models.Agency) map[uint]bool {
	sorted := append([]models.Agency(nil), agencies...)
	sort.Slice(sorted, func(i, j int) bool {
		hi, hj := demoHash(sorted[i].Code, "plan"), demoHash(sorted[j].Code, "plan")
		if hi != hj {
			return hi < hj
		}
		return sorted[i].Code < sorted[j].Code
	})
	quota := map[models.AgencyKind]int{models.KindMinistry: 6, models.KindProvince: 29}
	out := map[uint]bool{}
	for _, a := range sorted {
		if quota[a.Kind] > 0 {
			quota[a.Kind]--
			out[a.ID] = true
		}
	}
	return out
}

// Where an assignment's story ends.
const (
	endNotStarted = iota
	endInProgress
	endSubmitted
	endDone
)

// demoStory is the invented history of one agency's copy of a task due on
// due: most are done on time, some late, some wait for review, some are in
// progress and a few were never started. The plan of seed 002 follows the
// record: the early agencies had it accepted by 25/02/2023, the others
// reported in March (on time) or April (late), or not at all.
func demoStory(title string, due models.Day, ag *models.Agency, early bool) []demoStep {
	pick := func(salt string, n int) int { return int(demoHash(title, ag.Code, salt) % uint32(n)) }
	end, submit := endNotStarted, models.Day("")
	p := pick("end", 100)
	switch {
	case early:
		end, submit = endDone, models.Day("2023-02-01").AddDays(pick("submit", 20))
	case title == demoPlanTitle && p < 45:
		end, submit = endDone, models.Day("2023-03-01").AddDays(pick("submit", 27))
	case title == demoPlanTitle && p < 80:
		end, submit = endDone, models.Day("2023-04-03").AddDays(pick("submit", 24))
	case title == demoPlanTitle && p < 92:
		end = endInProgress
	case title == demoPlanTitle: // not started
	case p < 55:
		end, submit = endDone, due.AddDays(-3-pick("submit", 20))
	case p < 70:
		end, submit = endDone, due.AddDays(1+pick("submit", 25))
	case p < 75:
		end, submit = endSubmitted, due.AddDays(-1-pick("submit", 5))
	case p < 90:
		end = endInProgress
	} // the rest: not started
	if end >= endSubmitted && submit > demoLastSubmit {
		end = endInProgress
	}
	// Who answers for it: most who started name a person with an e-mail (a
	// clear person), some a name only, a few nobody; of those who did not
	// start, a few have named someone already.
	name, slug := demoPerson(ag.Code, fmt.Sprint("staff", pick("staff", 3)))
	email := slug + "." + strings.ToLower(ag.Code) + "@" + demoDomain
	switch clarity := pick("clarity", 10); {
	case end == endNotStarted && clarity >= 2, clarity == 9:
		name, email = "", ""
	case clarity >= 7:
		email = ""
	}
	if end == endNotStarted {
		if name == "" {
			return nil
		}
		return demoSteps(demoStep{day: laterDay(demoFirstDay, due.AddDays(-45)),
			change: models.AssignmentChange{OwnerName: &name, OwnerEmail: &email, Note: "Giao cán bộ theo dõi."}})
	}
	start := due.AddDays(-30 - pick("start", 30))
	if end >= endSubmitted {
		start = submit.AddDays(-8 - pick("start", 20))
	}
	start = laterDay(demoFirstDay, start)
	progress := 10 + 10*pick("progress", 5)
	steps := []demoStep{{day: start, change: models.AssignmentChange{Status: demoStatus(models.StatusInProgress), Progress: &progress,
		OwnerName: &name, OwnerEmail: &email, Note: "Đã phân công cán bộ chủ trì, đang xây dựng dự thảo."}}}
	if end == endInProgress {
		if pick("more", 2) == 0 {
			more := progress + 30
			steps = append(steps, demoStep{day: start.AddDays(14),
				change: models.AssignmentChange{Progress: &more, Note: "Đã có dự thảo, đang lấy ý kiến các đơn vị."}})
		}
		return demoSteps(steps...)
	}
	if end == endDone && !early && pick("returned", 8) == 0 {
		steps = append(steps, demoSubmission(title, ag, submit.AddDays(-4), pick),
			demoStep{day: submit.AddDays(-2), review: true, change: models.AssignmentChange{Status: demoStatus(models.StatusInProgress),
				Note: "Minh chứng chưa ghi rõ ngày ký, đề nghị bổ sung."}})
	}
	steps = append(steps, demoSubmission(title, ag, submit, pick))
	if end == endDone {
		steps = append(steps, demoStep{day: submit.AddDays(1 + pick("accept", 3)), review: true,
			change: models.AssignmentChange{Status: demoStatus(models.StatusDone), Note: "Đã kiểm tra minh chứng, đạt yêu cầu."}})
	}
	return demoSteps(steps...)
}

// demoSubmission is the focal point reporting the task done on day, with a
// document number and date as evidence (and, for some, a link).
func demoSubmission(title string, ag *models.Agency, day models.Day, pick func(string, int) int) demoStep {
	issuer := ag.Code
	if ag.Kind == models.KindProvince {
		issuer = "UBND"
	}
	kind, abbr := "Báo cáo", "BC"
	switch lower := strings.ToLower(title); {
	case strings.Contains(lower, "ban hành kế hoạch"):
		kind, abbr = "Kế hoạch", "KH"
	case strings.Contains(lower, "ban hành"):
		kind, abbr = "Quyết định", "QĐ"
	}
	n := 1 + pick("number", 400)
	signed := day.AddDays(-pick("signed", 4))
	ref := fmt.Sprintf("%s số %d/%s-%s ngày %s", kind, n, abbr, issuer, signed.VN())
	date, link := string(signed), ""
	if pick("link", 3) == 0 {
		link = fmt.Sprintf("https://vanban.%s/%s/%d", demoDomain, strings.ToLower(ag.Code), n)
	}
	return demoStep{day: day, change: models.AssignmentChange{Status: demoStatus(models.StatusSubmitted), EvidenceRef: &ref,
		EvidenceDate: &date, EvidenceURL: &link, Note: "Đã hoàn thành, gửi kèm minh chứng."}}
}

// demoSteps keeps a story only when its days run strictly forward within the
// demo year (a directive due very early or very late may not fit one).
func demoSteps(steps ...demoStep) []demoStep {
	prev := models.Day("")
	for _, st := range steps {
		if st.day <= prev || st.day < demoFirstDay || st.day > demoLastDay {
			return nil
		}
		prev = st.day
	}
	return steps
}

// laterDay is the later of two days.
func laterDay(a, b models.Day) models.Day {
	if a > b {
		return a
	}
	return b
}

// demoStatus points at a status, for an AssignmentChange.
func demoStatus(s models.Status) *models.Status { return &s }
