package views

import (
	"bytes"
	"fmt"
	"net/url"

	"roviec/models"
)

// passwordMailData is what the password-link templates receive, every
// sentence already written.
type passwordMailData struct {
	Lang     string
	Subject  string
	Greeting string
	Intro    string
	Action   string // the link's words in the HTML part
	Link     string
	Expiry   string
	Ignore   string // a reset's "if it was not you"; "" for an invitation
	Footer   string
}

// RenderPasswordLink builds the e-mail carrying an invitation or a reset
// link, in the reader's language (Vietnamese unless it is "en"). The link
// is ROVIEC_BASE_URL/password/set?token=..., the same page for both.
func (r *MailRenderer) RenderPasswordLink(m models.PasswordLinkMail) (models.RenderedMail, error) {
	if m.Token == "" {
		return models.RenderedMail{}, fmt.Errorf("mail: a password link without a token")
	}
	lang := m.Lang
	if !IsLanguage(lang) {
		lang = LangVI
	}
	b := &mailBuilder{tr: r.tr, lang: lang, baseURL: r.baseURL}
	var kind string
	switch m.Purpose {
	case models.LinkInvite, models.LinkReset:
		kind = string(m.Purpose)
	default:
		return models.RenderedMail{}, fmt.Errorf("mail: password link purpose %q", m.Purpose)
	}
	d := passwordMailData{Lang: lang, Subject: "[" + b.t("app.name") + "] " + b.t("mail.password."+kind+".subject"),
		Greeting: b.t("mail.greeting_anonymous"),
		Intro:    b.t("mail.password."+kind+".intro", "Email", m.Email),
		Action:   b.t("mail.password." + kind + ".action"),
		Link:     r.baseURL + "/password/set?token=" + url.QueryEscape(m.Token),
		Expiry: b.t("mail.password.expiry", "Time", m.ExpiresAt.Format("15:04"), "Date", m.ExpiresAt.Format("02/01/2006"),
			"N", int(models.PasswordLinkTTL.Hours())),
		Footer: b.t("mail.footer.auto", "URL", r.baseURL)}
	if m.Name != "" {
		d.Greeting = b.t("mail.greeting", "Name", m.Name)
	}
	if m.Purpose == models.LinkReset {
		d.Ignore = b.t("mail.password.reset.ignore")
	}
	var text, html bytes.Buffer
	if err := r.pwText[lang].Execute(&text, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail text: %w", err)
	}
	if err := r.pwHTML[lang].Execute(&html, d); err != nil {
		return models.RenderedMail{}, fmt.Errorf("mail HTML: %w", err)
	}
	return models.RenderedMail{Subject: d.Subject, Text: text.String(), HTML: html.String()}, nil
}
