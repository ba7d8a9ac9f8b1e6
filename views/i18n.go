package views

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"roviec/models"
)

// Languages the pages are written in; Vietnamese is the default.
const (
	LangVI = "vi"
	LangEN = "en"
)

// IsLanguage reports whether lang is one of the supported languages.
func IsLanguage(lang string) bool { return lang == LangVI || lang == LangEN }

// translator holds one localizer per language and the message ids known to all.
type translator struct {
	localizers map[string]*i18n.Localizer
	ids        map[string]bool
}

// loadTranslations reads locales/vi.json and locales/en.json and checks that
// both define exactly the same message ids.
func loadTranslations(files fs.FS) (*translator, error) {
	bundle := i18n.NewBundle(language.Vietnamese)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	keys := map[string][]string{}
	tr := &translator{localizers: map[string]*i18n.Localizer{}, ids: map[string]bool{}}
	for _, lang := range []string{LangVI, LangEN} {
		name := "locales/" + lang + ".json"
		buf, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		mf, err := bundle.ParseMessageFileBytes(buf, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, m := range mf.Messages {
			keys[lang] = append(keys[lang], m.ID)
		}
		sort.Strings(keys[lang])
		tr.localizers[lang] = i18n.NewLocalizer(bundle, lang)
	}
	for _, id := range keys[LangVI] {
		tr.ids[id] = true
	}
	if fmt.Sprint(keys[LangVI]) != fmt.Sprint(keys[LangEN]) {
		return nil, fmt.Errorf("locales/vi.json and locales/en.json define different message ids")
	}
	return tr, nil
}

// countArg names the argument that counts what a message speaks of, as in
// "{{.N}} days": its number picks the message's plural form ("one" or
// "other" in English; Vietnamese has only "other") and the message shows it
// with the language's separators.
const countArg = "N"

// translate returns the message id in lang, with args as name/value pairs for
// the message template; a count goes in the argument N (see countArg). An
// unknown id comes back as itself.
func (tr *translator) translate(lang, id string, args ...any) string {
	var data map[string]any
	if len(args) > 1 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return tr.localize(lang, id, data)
}

// message translates a message of the models in lang: numbers among its
// values are written with the language's separators (the count N by
// localize, which also picks the plural form by it), and values that are
// messages themselves (a status, say) are translated too.
func (tr *translator) message(lang string, m models.Msg) string {
	var data map[string]any
	if len(m.Data) > 0 {
		data = make(map[string]any, len(m.Data))
		for k, v := range m.Data {
			if inner, ok := v.(models.Msg); ok {
				data[k] = tr.message(lang, inner)
			} else if x, ok := toFloat(v); ok && k != countArg {
				data[k] = FormatNumber(lang, x, 2)
			} else {
				data[k] = v
			}
		}
	}
	return tr.localize(lang, m.ID, data)
}

// errorText is err as a reader of lang should see it: the translated message
// of a validation error (with its fields), a conflict or a refusal, or
// err's own text for anything else.
func (tr *translator) errorText(lang string, err error) string {
	var ve *models.ValidationError
	var ce *models.ConflictError
	var fe *models.ForbiddenError
	switch {
	case errors.As(err, &ve):
		fields := make([]string, 0, len(ve.Fields))
		for f := range ve.Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = f + ": " + tr.message(lang, ve.Fields[f])
		}
		return tr.translate(lang, "error.invalid") + " " + strings.Join(parts, " ")
	case errors.As(err, &ce):
		return tr.message(lang, ce.Msg)
	case errors.As(err, &fe):
		return tr.message(lang, fe.Msg)
	}
	return err.Error()
}

// localize renders message id in lang with its template data, in the plural
// form that the count N calls for; an unknown id, or a count that is not a
// number, comes back as the id itself.
func (tr *translator) localize(lang, id string, data map[string]any) string {
	lc := &i18n.LocalizeConfig{MessageID: id}
	if data != nil {
		lc.TemplateData = data
		setCount(lc, lang, data)
	}
	loc, ok := tr.localizers[lang]
	if !ok {
		loc = tr.localizers[LangVI]
	}
	s, err := loc.Localize(lc)
	if err != nil {
		return id
	}
	return s
}

// setCount makes data's count N, when it has one, the plural count of lc
// and writes it in data with the separators of lang. The plural count is the
// raw number (go-i18n takes a float only as a string); a count that is not a
// number is passed on as it is, for go-i18n to refuse.
func setCount(lc *i18n.LocalizeConfig, lang string, data map[string]any) {
	n, ok := data[countArg]
	if !ok {
		return
	}
	lc.PluralCount = n
	if x, ok := toFloat(n); ok {
		lc.PluralCount = strconv.FormatFloat(x, 'f', -1, 64)
		data[countArg] = FormatNumber(lang, x, 2)
	}
}

// checkKeys fails when a template or a label function would ask for a
// message that the locale files do not define.
func (tr *translator) checkKeys(sources map[string]string) error {
	templateKey := regexp.MustCompile(`\bt "([A-Za-z0-9_.]+)"`) // {{t "id" ...}}
	var want []string
	for _, src := range sources {
		for _, m := range templateKey.FindAllStringSubmatch(src, -1) {
			want = append(want, m[1])
		}
	}
	for _, s := range models.Statuses {
		want = append(want, "status."+string(s))
	}
	for _, c := range models.TimelinessClasses {
		want = append(want, "timeliness."+string(c))
	}
	for _, p := range models.Pillars {
		want = append(want, "pillar."+p)
	}
	for _, r := range models.Roles {
		want = append(want, "role."+string(r))
	}
	want = append(want, "timeliness.due_soon", "kind."+string(models.KindMinistry), "kind."+string(models.KindProvince),
		"missing."+models.MissingOwner, "missing."+models.MissingOwnerEmail,
		"missing."+models.MissingDeliverable, "missing."+models.MissingDueDate)
	for _, id := range want {
		if !tr.ids[id] {
			return fmt.Errorf("message %q is not in the locale files", id)
		}
	}
	return nil
}

// Msg translates a message of the models (a validation, conflict or
// refusal message) in lang.
func (r *Renderer) Msg(lang string, m models.Msg) string { return r.tr.message(lang, m) }

// ErrorText is err as a reader of lang should see it, e.g. on the command
// line: translated when it is one of the models' errors, else err's text.
func (r *Renderer) ErrorText(lang string, err error) string { return r.tr.errorText(lang, err) }
