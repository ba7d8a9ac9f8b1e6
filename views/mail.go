package views

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"strings"
	texttemplate "text/template"

	"roviec/models"
)

//go:embed mail
var mailFiles embed.FS

// MailRenderer builds e-mails: reminders (mail/reminder.*.tmpl) and
// password links (mail/password_link.*.tmpl). Its templates are parsed once,
// per language, by NewMailRenderer; rendering is then a pure function of its
// input.
type MailRenderer struct {
	tr      *translator
	baseURL string
	text    map[string]*texttemplate.Template
	html    map[string]*htmltemplate.Template
	pwText  map[string]*texttemplate.Template
	pwHTML  map[string]*htmltemplate.Template
	// notices: a cancellation, an urge (mail/notice.*.tmpl)
	noticeText map[string]*texttemplate.Template
	noticeHTML map[string]*htmltemplate.Template
	nText      map[string]*texttemplate.Template // notifications
	nHTML      map[string]*htmltemplate.Template
}

// NewMailRenderer parses the e-mail templates; links in the messages start
// with baseURL (ROVIEC_BASE_URL). It fails when a template is broken or asks
// for a message the locale files do not have.
func NewMailRenderer(baseURL string) (*MailRenderer, error) {
	tr, err := loadTranslations(files)
	if err != nil {
		return nil, err
	}
	src := map[string]string{}
	for _, name := range []string{"reminder.txt", "reminder.html", "password_link.txt", "password_link.html",
		"notice.txt", "notice.html", "notifications.txt", "notifications.html"} {
		b, err := fs.ReadFile(mailFiles, "mail/"+name+".tmpl")
		if err != nil {
			return nil, err
		}
		src[name] = string(b)
	}
	if err := tr.checkKeys(src); err != nil {
		return nil, err
	}
	r := &MailRenderer{tr: tr, baseURL: strings.TrimRight(baseURL, "/"),
		text: map[string]*texttemplate.Template{}, html: map[string]*htmltemplate.Template{},
		pwText: map[string]*texttemplate.Template{}, pwHTML: map[string]*htmltemplate.Template{},
		noticeText: map[string]*texttemplate.Template{}, noticeHTML: map[string]*htmltemplate.Template{},
		nText: map[string]*texttemplate.Template{}, nHTML: map[string]*htmltemplate.Template{}}
	for _, lang := range []string{LangVI, LangEN} {
		fm := map[string]any{"t": func(id string, args ...any) string { return tr.translate(lang, id, args...) }}
		for _, t := range []struct {
			name string
			text map[string]*texttemplate.Template
			html map[string]*htmltemplate.Template
		}{{"reminder", r.text, r.html}, {"password_link", r.pwText, r.pwHTML}, {"notice", r.noticeText, r.noticeHTML}, {"notifications", r.nText, r.nHTML}} {
			if t.text[lang], err = texttemplate.New("text").Funcs(fm).Parse(src[t.name+".txt"]); err != nil {
				return nil, fmt.Errorf("mail/%s.txt.tmpl: %w", t.name, err)
			}
			if t.html[lang], err = htmltemplate.New("html").Funcs(fm).Parse(src[t.name+".html"]); err != nil {
				return nil, fmt.Errorf("mail/%s.html.tmpl: %w", t.name, err)
			}
		}
	}
	return r, nil
}

// Render builds the e-mail for one recipient's reminders: the subject, a
// text part and an HTML part, in the recipient's language (Vietnamese unless
// it is "en"). It fails on a message with nothing in it or an item whose rule
// it does not know.
func (r *MailRenderer) Render(m models.ReminderMessage) (models.RenderedMail, error) {
	if len(m.Items) == 0 && m.Digest == nil && m.Kickoff == nil {
		return models.RenderedMail{}, errors.New("mail: a reminder message with no items, digest or kick-off")
	}
	lang := m.Recipient.Lang
	if !IsLanguage(lang) {
		lang = LangVI
	}
	b := &mailBuilder{tr: r.tr, lang: lang, baseURL: r.baseURL}
	subject, err := b.subject(m)
	if err != nil {
		return models.RenderedMail{}, err
	}
	data := b.data(m, subject)
	var text, html bytes.Buffer
	if err := r.text[lang].Execute(&text, data); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail text: %w", err)
	}
	if err := r.html[lang].Execute(&html, data); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail HTML: %w", err)
	}
	return models.RenderedMail{Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

// mailBuilder turns a message into the words of one language.
type mailBuilder struct {
	tr      *translator
	lang    string
	baseURL string
}

func (b *mailBuilder) t(id string, args ...any) string { return b.tr.translate(b.lang, id, args...) }

// pick is the English text in English when there is one, else the Vietnamese.
func (b *mailBuilder) pick(vi, en string) string {
	if b.lang == LangEN && en != "" {
		return en
	}
	return vi
}

// subject is "[Rõ Việc] " and, joined by " · ": the escalation, the
// reminder's counts, the kick-off's theme, the digest's week.
func (b *mailBuilder) subject(m models.ReminderMessage) (string, error) {
	var parts []string
	if len(m.Items) > 0 {
		counts := map[models.ReminderRule]int{}
		level := 0
		for _, it := range m.Items {
			switch it.Rule {
			case models.RuleOverdue, models.RuleDueSoon, models.RuleUnclear:
				counts[it.Rule]++
			default:
				return "", fmt.Errorf("mail: item %q has rule %q, not one a reminder lists", it.Key, it.Rule)
			}
			level = max(level, it.Level)
		}
		switch {
		case level >= 2:
			parts = append(parts, b.t("mail.subject.explanation"))
		case level == 1:
			parts = append(parts, b.t("mail.subject.leader"))
		}
		var list []string
		for _, rule := range []models.ReminderRule{models.RuleOverdue, models.RuleDueSoon, models.RuleUnclear} {
			if n := counts[rule]; n > 0 {
				id := "mail.count." + string(rule)
				if len(list) == 0 {
					id += "_first"
				}
				list = append(list, b.t(id, "N", n))
			}
		}
		parts = append(parts, b.t("mail.subject.items", "Date", m.Day.VN(), "Counts", strings.Join(list, ", ")))
	}
	if k := m.Kickoff; k != nil {
		parts = append(parts, b.t("mail.subject.kickoff", "Month", monthVN(k.Month), "Theme", b.pick(k.ThemeVI, k.ThemeEN)))
	}
	if d := m.Digest; d != nil {
		parts = append(parts, b.t("mail.subject.digest", "Week", d.Week))
	}
	return "[" + b.t("app.name") + "] " + strings.Join(parts, " · "), nil
}

// monthVN writes "2023-05" as "05/2023".
func monthVN(month string) string {
	if y, m, ok := strings.Cut(month, "-"); ok {
		return m + "/" + y
	}
	return month
}
