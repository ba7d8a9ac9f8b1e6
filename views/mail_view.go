package views

import (
	"fmt"
	"strings"

	"roviec/models"
)

// mailData is what the e-mail templates receive: every sentence that depends
// on the data is already written, so the templates only lay it out.
type mailData struct {
	Lang     string
	Subject  string
	Greeting string
	Intro    string       // above the reminder's items
	Groups   []themeGroup // the reminder's items, by theme (the first mailListLimit)
	More     string       // how many more items there are, and where to see them; "" when all are listed
	Kickoff  *kickoffView
	Digest   *digestView
	Footer   []string // why the recipient got the message, then "sent automatically"
}

// themeGroup is the items of one theme, under its title.
type themeGroup struct {
	Theme string
	Items []itemView
}

// itemView is one assignment in a message.
type itemView struct {
	Directive  string
	AgencyName string
	Due        string // dd/mm/yyyy
	Status     string // "quá hạn 4 ngày", "còn 5 ngày làm việc" or ""
	Overdue    bool
	Missing    string // "Còn thiếu: người phụ trách" or ""
	Notes      []string
	Link       string
}

// kickoffView is the month's theme and the agency's assignments due in it,
// then its overdue and returned work.
type kickoffView struct {
	Title    string
	Items    []itemView
	Overdue  []itemView
	Returned []itemView
}

// digestView is the weekly summary.
type digestView struct {
	Title           string
	Classes         []string // the four timeliness classes, in reporting order
	Rows            []countsRow
	Top             []topRow
	NewlyOverdue    []itemView // the first mailListLimit of them
	OpenExplanation []itemView // the first mailListLimit of them
	// the totals of the two lists, and what is not listed ("" when all are)
	NewlyOverdueTotal, OpenExplanationTotal int
	NewlyOverdueMore, OpenExplanationMore   string
	Unclear                                 []itemView
	UnclearTotal                            int
	UnclearMore                             int // unclear assignments not listed
}

// countsRow is one line of the digest's table: a kind of agency and its
// count in each timeliness class.
type countsRow struct {
	Kind  string
	Cells []countCell
	Total int
}

// countCell is the count of one timeliness class.
type countCell struct {
	Class string
	N     int
}

// topRow is one of the agencies with the most overdue work.
type topRow struct {
	Rank        int
	Agency      string // "Tỉnh Đắk Lắk (66)"
	Overdue     int
	DaysOverdue int
}

// mailListLimit is how many reminder items one e-mail lists (see
// models.MailListLimit).
const mailListLimit = models.MailListLimit

// data builds the template data of message m.
func (b *mailBuilder) data(m models.ReminderMessage, subject string) *mailData {
	d := &mailData{Lang: b.lang, Subject: subject, Greeting: b.t("mail.greeting_anonymous")}
	if m.Recipient.Name != "" {
		d.Greeting = b.t("mail.greeting", "Name", m.Recipient.Name)
	}
	if len(m.Items) > 0 {
		d.Intro = b.t("mail.items.intro", "Date", m.Day.VN())
		d.Groups = b.groups(m.Items[:min(len(m.Items), mailListLimit)])
		if more := len(m.Items) - mailListLimit; more > 0 {
			d.More = b.t("mail.items.more", "N", more, "URL", b.baseURL)
		}
		d.Footer = append(d.Footer, b.t("mail.footer.items"))
	}
	if k := m.Kickoff; k != nil {
		d.Kickoff = &kickoffView{
			Title:    b.t("mail.subject.kickoff", "Month", monthVN(k.Month), "Theme", b.pick(k.ThemeVI, k.ThemeEN)),
			Items:    b.items(k.Items, false),
			Overdue:  b.items(k.Overdue, false),
			Returned: b.items(k.Returned, false),
		}
		for i, it := range k.Returned {
			d.Kickoff.Returned[i].Notes = []string{b.t("mail.kickoff.reason", "Text", it.Reason)}
		}
		d.Footer = append(d.Footer, b.t("mail.footer.kickoff"))
	}
	if m.Digest != nil {
		d.Digest = b.digest(m.Digest)
		d.Footer = append(d.Footer, b.t("mail.footer.digest"))
	}
	d.Footer = append(d.Footer, b.t("mail.footer.auto", "URL", b.baseURL))
	return d
}

// groups puts items under their theme, themes in the order they first appear.
func (b *mailBuilder) groups(items []models.ReminderItem) []themeGroup {
	var groups []themeGroup
	index := map[uint]int{}
	for _, it := range items {
		i, ok := index[it.ThemeID]
		if !ok {
			title := b.t("mail.no_theme")
			if name := b.pick(it.ThemeVI, it.ThemeEN); name != "" {
				title = b.t("mail.theme", "Theme", name)
			}
			i = len(groups)
			index[it.ThemeID] = i
			groups = append(groups, themeGroup{Theme: title})
		}
		groups[i].Items = append(groups[i].Items, b.item(it, true))
	}
	return groups
}

func (b *mailBuilder) items(items []models.ReminderItem, notes bool) []itemView {
	out := make([]itemView, len(items))
	for i, it := range items {
		out[i] = b.item(it, notes)
	}
	return out
}

// item writes one assignment; notes adds what the recipient is asked to do
// (name a person, explain the delay), which a summary leaves out.
func (b *mailBuilder) item(it models.ReminderItem, notes bool) itemView {
	v := itemView{Directive: it.Directive, AgencyName: it.AgencyName, Due: it.DueOn.VN(),
		Link: fmt.Sprintf("%s/assignments/%d", b.baseURL, it.AssignmentID)}
	if v.Due == "" {
		v.Due = b.t("mail.no_due")
	}
	switch {
	case it.DaysOverdue > 0:
		v.Status, v.Overdue = b.t("mail.status.overdue", "N", it.DaysOverdue), true
	case it.Rule == models.RuleDueSoon && it.DaysLeft == 0:
		v.Status = b.t("mail.status.due_today")
	case it.Rule == models.RuleDueSoon:
		v.Status = b.t("mail.status.left", "N", it.DaysLeft)
	}
	if len(it.Missing) > 0 {
		names := make([]string, len(it.Missing))
		for i, m := range it.Missing {
			names[i] = b.t("missing." + m)
		}
		v.Missing = b.t("mail.missing", "List", strings.Join(names, ", "))
	}
	if !notes {
		return v
	}
	if it.Rule == models.RuleUnclear {
		v.Notes = append(v.Notes, b.t("mail.note.unclear"))
	}
	switch {
	case it.Level >= 2:
		v.Notes = append(v.Notes, b.t("mail.note.explanation"))
	case it.Level == 1:
		v.Notes = append(v.Notes, b.t("mail.note.leader"))
	}
	return v
}

// digest writes the weekly summary.
func (b *mailBuilder) digest(dg *models.Digest) *digestView {
	v := &digestView{Title: b.t("mail.subject.digest", "Week", dg.Week),
		NewlyOverdue: b.items(dg.NewlyOverdue[:min(len(dg.NewlyOverdue), mailListLimit)], false), NewlyOverdueTotal: len(dg.NewlyOverdue),
		OpenExplanation:      b.items(dg.OpenExplanation[:min(len(dg.OpenExplanation), mailListLimit)], false),
		OpenExplanationTotal: max(dg.OpenExplanationTotal, len(dg.OpenExplanation)),
		Unclear:              b.items(dg.Unclear, false), UnclearTotal: max(dg.UnclearTotal, len(dg.Unclear))}
	if more := len(dg.NewlyOverdue) - mailListLimit; more > 0 {
		v.NewlyOverdueMore = b.t("mail.items.more", "N", more, "URL", b.baseURL)
	}
	if more := v.OpenExplanationTotal - len(v.OpenExplanation); more > 0 {
		v.OpenExplanationMore = b.t("mail.items.more", "N", more, "URL", b.baseURL)
	}
	v.UnclearMore = v.UnclearTotal - len(dg.Unclear)
	for _, c := range models.TimelinessClasses {
		v.Classes = append(v.Classes, b.t("timeliness."+string(c)))
	}
	for _, row := range []struct {
		kind   models.AgencyKind
		counts models.DigestCounts
	}{{models.KindMinistry, dg.Ministries}, {models.KindProvince, dg.Provinces}} {
		c := row.counts
		r := countsRow{Kind: b.t("kind." + string(row.kind))}
		for i, n := range []int{c.DoneOnTime, c.DoneLate, c.OpenOnTrack, c.OpenOverdue} {
			r.Cells = append(r.Cells, countCell{Class: v.Classes[i], N: n})
			r.Total += n
		}
		v.Rows = append(v.Rows, r)
	}
	for i, a := range dg.TopOverdue {
		v.Top = append(v.Top, topRow{Rank: i + 1, Agency: fmt.Sprintf("%s (%s)", a.Name, a.Code),
			Overdue: a.Overdue, DaysOverdue: a.DaysOverdue})
	}
	return v
}
