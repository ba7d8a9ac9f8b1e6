package views

import (
	"bytes"
	"fmt"
	"strconv"

	"roviec/models"
)

// noticeMailData is what the notice templates receive, every sentence
// already written.
type noticeMailData struct {
	Lang      string
	Subject   string
	Greeting  string
	Intro     string
	Directive string
	Facts     []string // status and progress, deadline, days overdue
	Reason    string
	Action    string
	Link      string
	Footer    string
	Tasks     []noticeTaskView // an urge of an agency's tasks: each with its facts and link
}

// noticeTaskView is one task an urge of an agency lists.
type noticeTaskView struct {
	Directive string
	Facts     []string
	Link      string
}

// RenderNotice builds the e-mail telling one of an agency's people that an
// assignment was cancelled (with the reason) or that the committee urges
// them, in their language, with the task's status and a button to it; or,
// urging about several tasks at once, each task with its status and link.
func (r *MailRenderer) RenderNotice(m models.NoticeMail) (models.RenderedMail, error) {
	if m.Kind != models.NoticeCancelled && m.Kind != models.NoticeUrge && m.Kind != models.NoticeUrgeAgency {
		return models.RenderedMail{}, fmt.Errorf("mail: notice kind %q", m.Kind)
	}
	if m.Kind == models.NoticeUrgeAgency && len(m.Tasks) == 0 {
		return models.RenderedMail{}, fmt.Errorf("mail: an urge of an agency with no task")
	}
	lang := m.Lang
	if !IsLanguage(lang) {
		lang = LangVI
	}
	b := &mailBuilder{tr: r.tr, lang: lang, baseURL: r.baseURL}
	kind := string(m.Kind)
	d := noticeMailData{Lang: lang, Subject: "[" + b.t("app.name") + "] " + b.t("mail.notice."+kind+".subject", "Text", m.Directive, "N", len(m.Tasks)),
		Greeting:  b.t("mail.greeting_anonymous"),
		Intro:     b.t("mail.notice."+kind+".intro", "Name", m.AgencyName, "From", m.By),
		Directive: m.Directive,
		Facts:     []string{b.t("status."+string(m.Status)) + " · " + strconv.Itoa(m.Progress) + "%"},
		Action:    b.t("mail.notice." + kind + ".action"),
		Link:      r.baseURL + "/assignments/" + strconv.FormatUint(uint64(m.AssignmentID), 10),
		Footer:    b.t("mail.footer.auto", "URL", r.baseURL)}
	for _, t := range m.Tasks {
		facts := []string{b.t("status."+string(t.Status)) + " · " + strconv.Itoa(t.Progress) + "%", b.t("work.due", "Date", t.DueOn.VN())}
		if t.DaysOverdue > 0 {
			facts = append(facts, b.t("work.days_overdue", "N", t.DaysOverdue))
		}
		d.Tasks = append(d.Tasks, noticeTaskView{Directive: t.Directive, Facts: facts,
			Link: r.baseURL + "/assignments/" + strconv.FormatUint(uint64(t.AssignmentID), 10) + "#update"})
	}
	if m.Name != "" {
		d.Greeting = b.t("mail.greeting", "Name", m.Name)
	}
	if !m.DueOn.IsZero() {
		d.Facts = append(d.Facts, b.t("work.due", "Date", m.DueOn.VN()))
	}
	if m.DaysOverdue > 0 {
		d.Facts = append(d.Facts, b.t("work.days_overdue", "N", m.DaysOverdue))
	}
	if m.Reason != "" {
		d.Reason = b.t("mail.notice.reason", "Text", m.Reason)
	}
	if m.Kind == models.NoticeUrge {
		d.Link += "#update"
	}
	var text, html bytes.Buffer
	if err := r.noticeText[lang].Execute(&text, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail text: %w", err)
	}
	if err := r.noticeHTML[lang].Execute(&html, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail HTML: %w", err)
	}
	return models.RenderedMail{Subject: d.Subject, Text: text.String(), HTML: html.String()}, nil
}
