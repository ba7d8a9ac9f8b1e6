package views

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes x with at most decimals digits after the decimal
// sign (trailing zeros dropped) and the separators of lang: 1.234.567,8 in
// Vietnamese, 1,234,567.8 in English.
func FormatNumber(lang string, x float64, decimals int) string {
	group, point := ".", ","
	if lang == LangEN {
		group, point = ",", "."
	}
	digits := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(digits, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if x < 0 && strings.Trim(whole+frac, "0") != "" {
		b.WriteByte('-')
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// FileSize writes a file's size of n bytes as people read it: whole
// kilobytes (rounded up, so no file is "0 KB") under a megabyte, megabytes
// with one decimal above ("1,5 MB" in Vietnamese).
func FileSize(lang string, n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(max((n+1023)/1024, 1), 10) + " KB"
	}
	return FormatNumber(lang, float64(n)/(1<<20), 1) + " MB"
}

// toFloat reads the numeric types that pages and messages carry.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float32:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// numberFuncs are the template functions num (a count or an amount, up to
// two decimals), filesize (FileSize), pct (a percentage from 0 to 100, up to one decimal, e.g.
// "85,5%") and pctOf (part as a percentage of whole), written the way
// readers of lang expect.
func numberFuncs(lang string) map[string]any {
	format := func(v any, decimals int) (string, error) {
		x, ok := toFloat(v)
		if !ok {
			return "", fmt.Errorf("not a number: %v (%T)", v, v)
		}
		return FormatNumber(lang, x, decimals), nil
	}
	return map[string]any{
		"num": func(v any) (string, error) { return format(v, 2) },
		"pct": func(v any) (string, error) {
			s, err := format(v, 1)
			return s + "%", err
		},
		"filesize": func(n int64) string { return FileSize(lang, n) },
		"pctOf": func(part, whole any) (string, error) {
			p, ok1 := toFloat(part)
			w, ok2 := toFloat(whole)
			if !ok1 || !ok2 || w == 0 {
				return "", fmt.Errorf("no percentage of %v in %v", part, whole)
			}
			return FormatNumber(lang, 100*p/w, 1) + "%", nil
		},
	}
}
