package views

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"html/template"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"roviec/models"
)

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		x        float64
		decimals int
		vi, en   string
	}{
		{1234567.8, 2, "1.234.567,8", "1,234,567.8"},
		{1234567, 2, "1.234.567", "1,234,567"},
		{85.5, 1, "85,5", "85.5"},
		{85.25, 1, "85,2", "85.2"}, // half to even, as strconv rounds
		{100, 1, "100", "100"},
		{999, 0, "999", "999"},
		{1000, 0, "1.000", "1,000"},
		{0, 2, "0", "0"},
		{0.004, 2, "0", "0"},
		{-1234.5, 2, "-1.234,5", "-1,234.5"},
		{-0.001, 1, "0", "0"},
	}
	for _, c := range cases {
		if got := FormatNumber(LangVI, c.x, c.decimals); got != c.vi {
			t.Errorf("vi %v = %q, want %q", c.x, got, c.vi)
		}
		if got := FormatNumber(LangEN, c.x, c.decimals); got != c.en {
			t.Errorf("en %v = %q, want %q", c.x, got, c.en)
		}
	}
}

func TestNumberTemplateFuncs(t *testing.T) {
	src := `{{num .Big}} {{num .Ratio}} {{pct .Share}} {{pct .Progress}} {{pctOf .Done .Total}}`
	data := map[string]any{"Big": int64(1234567), "Ratio": 2.5, "Share": 85.5, "Progress": 40, "Done": 6, "Total": 30}
	want := map[string]string{LangVI: "1.234.567 2,5 85,5% 40% 20%", LangEN: "1,234,567 2.5 85.5% 40% 20%"}
	for lang, w := range want {
		tpl := template.Must(template.New("n").Funcs(numberFuncs(lang)).Parse(src))
		var b strings.Builder
		if err := tpl.Execute(&b, data); err != nil {
			t.Fatal(err)
		}
		if b.String() != w {
			t.Errorf("%s: %q, want %q", lang, b.String(), w)
		}
	}
	bad := template.Must(template.New("n").Funcs(numberFuncs(LangVI)).Parse(`{{num .}}`))
	if err := bad.Execute(&strings.Builder{}, "mười"); err == nil {
		t.Error("num of a word must fail the page, not print it")
	}
}

func TestModelMessagesInBothLanguages(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		m      models.Msg
		vi, en string
	}{
		{models.NewMsg("err.progress_range"), "Tiến độ phải từ 0 đến 100.", "Progress must be between 0 and 100."},
		{models.NewMsg("err.text_too_long", "Max", models.MaxTextLen), "Nội dung quá dài (tối đa 4.000 ký tự).",
			"The text is too long (at most 4,000 characters)."},
		{models.NewMsg("err.transition", "From", models.NewMsg("status.done"), "To", models.NewMsg("status.in_progress")),
			`Không thể chuyển trạng thái từ "Hoàn thành" sang "Đang thực hiện".`,
			`The status cannot change from "Done" to "In progress".`},
		{models.NewMsg("err.agency_unknown", "Code", "XYZ"), "Không có cơ quan mã XYZ.", "There is no agency with code XYZ."},
	}
	for _, c := range cases {
		if got := r.Msg(LangVI, c.m); got != c.vi {
			t.Errorf("vi %s = %q, want %q", c.m, got, c.vi)
		}
		if got := r.Msg(LangEN, c.m); got != c.en {
			t.Errorf("en %s = %q, want %q", c.m, got, c.en)
		}
	}

	v := &models.ValidationError{}
	v.Add("progress", "err.progress_range")
	v.Add("email", "err.email_invalid")
	if got, want := r.ErrorText(LangVI, fmt.Errorf("save: %w", v)),
		"Dữ liệu không hợp lệ. email: Địa chỉ e-mail không hợp lệ. progress: Tiến độ phải từ 0 đến 100."; got != want {
		t.Errorf("validation error = %q, want %q", got, want)
	}
	if got, want := r.ErrorText(LangEN, models.Conflict("err.email_taken", "Email", "a@b.vn")),
		"The e-mail a@b.vn is already used by another account."; got != want {
		t.Errorf("conflict = %q, want %q", got, want)
	}
	if got := r.ErrorText(LangVI, errors.New("disk full")); got != "disk full" {
		t.Errorf("other errors keep their text, got %q", got)
	}
}

// messageCalls are the functions whose string arguments are message ids:
// the models' error constructors, the handlers' translation helpers.
var messageCalls = map[string]bool{"Add": true, "NewMsg": true, "Conflict": true, "Forbidden": true,
	"Invalid": true, "HTTPError": true, "CheckText": true, "T": true, "RedirectFlash": true}

var messageID = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// messageIDsInCode lists the message ids written as literals in the Go
// sources (tests excluded) of the models, handlers and app packages and those inside them.
func messageIDsInCode(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range []string{"../models", "../handlers", "../app"} {
		var paths []string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				paths = append(paths, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !messageCalls[calleeName(call.Fun)] {
					return true
				}
				for _, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					if s, err := strconv.Unquote(lit.Value); err == nil && messageID.MatchString(s) {
						found[s] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			})
		}
	}
	return found
}

func calleeName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// Every message id written in the Go code exists in both locale files
// (loadTranslations refuses files whose id sets differ), and every error
// message of the locale files is used.
func TestEveryMessageIDInCodeIsTranslated(t *testing.T) {
	tr, err := loadTranslations(files)
	if err != nil {
		t.Fatal(err)
	}
	used := messageIDsInCode(t)
	if used["err.progress_range"] == "" || used["error.invalid"] == "" || len(used) < 100 {
		t.Fatalf("the scan misses ids: found %d", len(used))
	}
	for id, where := range used {
		if !tr.ids[id] {
			t.Errorf("%s: message %q is not in the locale files", where, id)
		}
	}
	for id := range tr.ids {
		if strings.HasPrefix(id, "err.") && used[id] == "" {
			t.Errorf("message %q is in the locale files but no code uses it", id)
		}
	}
}
