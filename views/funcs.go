package views

import (
	"html/template"
	"strings"
	"time"

	"roviec/models"
	"roviec/models/notify"
	"roviec/static"
)

// funcs are the template functions for one language: translation, labels
// for the domain's codes, dates as dd/mm/yyyy (in both languages), numbers
// with the language's separators and cache-busted asset URLs.
func funcs(tr *translator, lang string, versions map[string]string) template.FuncMap {
	t := func(id string, args ...any) string { return tr.translate(lang, id, args...) }
	fm := template.FuncMap{
		"t":          t,
		"status":     func(s models.Status) string { return t("status." + string(s)) },
		"timeliness": func(c models.Timeliness) string { return t("timeliness." + string(c)) },
		"kind":       func(k models.AgencyKind) string { return t("kind." + string(k)) },
		"pillar": func(p string) string {
			if p == "" {
				return ""
			}
			return t("pillar." + p)
		},
		"role": func(r models.Role) string { return t("role." + string(r)) },
		"missing": func(list []string) string {
			out := make([]string, len(list))
			for i, m := range list {
				out[i] = t("missing." + m)
			}
			return strings.Join(out, ", ")
		},
		// pick is the English text in English when there is one, else the Vietnamese.
		"pick": func(vi, en string) string {
			if lang == LangEN && en != "" {
				return en
			}
			return vi
		},
		"months": func(first, last int) string {
			if first == last {
				return t("plan.month", "M", first)
			}
			return t("plan.months", "First", first, "Last", last)
		},
		// notifyNote is a notification's event and note in this language.
		"notifyNote": func(it notify.Item) string { return notificationNote(t, &it) },
		"date":       func(d models.Day) string { return d.VN() },
		// iso is the date as YYYY-MM-DD, the value of a date input.
		"iso": func(d models.Day) string { return string(d) },
		"datetime": func(at time.Time, loc *time.Location) string {
			if loc != nil {
				at = at.In(loc)
			}
			return at.Format("02/01/2006 15:04")
		},
		// dateAt is the day of a moment in loc, dd/mm/yyyy.
		"dateAt": func(at time.Time, loc *time.Location) string {
			if loc != nil {
				at = at.In(loc)
			}
			return at.Format("02/01/2006")
		},
		"asset": func(name string) string { return "/static/" + name + "?v=" + versions[name] },
		// printCSS is the stylesheets inline, for a page printed to PDF from
		// a file, which fetches nothing.
		"printCSS": func() (template.CSS, error) {
			var b strings.Builder
			for _, name := range []string{"app.css", "committee.css", "charts.css"} {
				css, err := static.Files.ReadFile(name)
				if err != nil {
					return "", err
				}
				b.Write(css)
			}
			return template.CSS(b.String()), nil
		},
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
	}
	for name, fn := range numberFuncs(lang) {
		fm[name] = fn
	}
	return fm
}
