package views

import (
	"bytes"
	"fmt"
	"strconv"

	"roviec/models"
	"roviec/models/notify"
)

// notifyMailData is what the notification templates receive, every sentence
// already written.
type notifyMailData struct {
	Lang     string
	Subject  string
	Greeting string
	Intro    string
	Items    []notifyItemView
	More     string // "and N more: see them in the app", or ""
	Prefs    string // where to choose what comes by e-mail
	Footer   string
}

// notifyItemView is one event: what happened, the task as it stands now and
// the button to its update form.
type notifyItemView struct {
	Event  string // "Trả lại: <task>" ...
	Agency string
	Note   string // the reason, decision or comment; "" when none
	State  string // "Trạng thái: Đang thực hiện · Tiến độ: 40% · Hạn: 31/05/2023"
	Action string
	Link   string // the assignment's update form; after a login when needed
}

// RenderNotifications builds one person's e-mail of notifications (those
// of a pass of the "at once" sender or the day's digest), in their language.
func (r *MailRenderer) RenderNotifications(m notify.Mail) (models.RenderedMail, error) {
	if len(m.Items) == 0 {
		return models.RenderedMail{}, fmt.Errorf("mail: a notification e-mail with nothing in it")
	}
	lang := m.Recipient.Lang
	if !IsLanguage(lang) {
		lang = LangVI
	}
	b := &mailBuilder{tr: r.tr, lang: lang, baseURL: r.baseURL}
	n := len(m.Items) + m.More
	subject := "mail.notify.subject_one"
	if n > 1 || m.Mode == notify.Digest {
		subject = "mail.notify.subject_" + string(m.Mode)
	}
	d := notifyMailData{Lang: lang, Greeting: b.t("mail.greeting_anonymous"),
		Intro:  b.t("mail.notify.intro_"+string(m.Mode), "N", n),
		Prefs:  b.t("mail.notify.prefs", "URL", r.baseURL+"/account/notifications"),
		Footer: b.t("mail.footer.auto", "URL", r.baseURL)}
	d.Subject = "[" + b.t("app.name") + "] " + b.t(subject, "N", n, "Event", b.t("notify.kind."+string(m.Items[0].Kind)),
		"Title", m.Items[0].Title)
	if m.Recipient.Name != "" {
		d.Greeting = b.t("mail.greeting", "Name", m.Recipient.Name)
	}
	for _, it := range m.Items {
		if !it.Kind.Valid() {
			return models.RenderedMail{}, fmt.Errorf("mail: notification %d has kind %q", it.ID, it.Kind)
		}
		v := notifyItemView{Event: b.t("notify.kind."+string(it.Kind)) + ": " + it.Title, Agency: it.AgencyName,
			Note:   notificationNote(b.t, &it),
			State:  b.t("mail.notify.state", "Status", b.t("status."+string(it.Status)), "Percent", it.Progress, "Due", dueText(b, it.DueOn)),
			Action: b.t("mail.notify.action"),
			Link:   r.baseURL + "/assignments/" + strconv.FormatUint(uint64(it.AssignmentID), 10) + "#update"}
		if it.ActorName != "" && v.Note != "" {
			v.Note = it.ActorName + ": " + v.Note
		}
		d.Items = append(d.Items, v)
	}
	if m.More > 0 {
		d.More = b.t("mail.notify.more", "N", m.More, "URL", r.baseURL+"/notifications")
	}
	var text, html bytes.Buffer
	if err := r.nText[lang].Execute(&text, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail text: %w", err)
	}
	if err := r.nHTML[lang].Execute(&html, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail HTML: %w", err)
	}
	return models.RenderedMail{Subject: d.Subject, Text: text.String(), HTML: html.String()}, nil
}

func dueText(b *mailBuilder, due models.Day) string {
	if due.IsZero() {
		return b.t("mail.notify.no_due")
	}
	return due.VN()
}
