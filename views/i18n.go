package views

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"sort"

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

// translate returns the message id in lang, with args as name/value pairs for
// the message template. An unknown id comes back as itself.
func (tr *translator) translate(lang, id string, args ...any) string {
	lc := &i18n.LocalizeConfig{MessageID: id}
	if len(args) > 1 {
		data := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
		lc.TemplateData = data
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
		want = append(want, "status."+s)
	}
	for _, c := range models.TimelinessClasses {
		want = append(want, "timeliness."+string(c))
	}
	for _, p := range models.Pillars {
		want = append(want, "pillar."+p)
	}
	for _, r := range models.Roles {
		want = append(want, "role."+r)
	}
	want = append(want, "timeliness.due_soon", "kind."+models.KindMinistry, "kind."+models.KindProvince,
		"missing."+models.MissingOwner, "missing."+models.MissingOwnerEmail,
		"missing."+models.MissingDeliverable, "missing."+models.MissingDueDate)
	for _, id := range want {
		if !tr.ids[id] {
			return fmt.Errorf("message %q is not in the locale files", id)
		}
	}
	return nil
}
