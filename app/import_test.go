package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"roviec/models/store/storetest"
)

func TestCLIImportTemplateDryRunAndBadRows(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ROVIEC_DATABASE": storetest.Database(t)}
	if code, _, errs := runCLI(t, env, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, errs)
	}
	// The template in both formats, read back.
	xlsx, csvPath := filepath.Join(dir, "mau.xlsx"), filepath.Join(dir, "mau.csv")
	for _, out := range []string{xlsx, csvPath} {
		if code, _, errs := runCLI(t, env, "import", "--template", "--out", out); code != 0 {
			t.Fatalf("template %s: %d %s", out, code, errs)
		}
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.GetRows(f.GetSheetList()[0])
	_ = f.Close()
	if err != nil || len(head) != 1 || head[0][0] != "Tên nhiệm vụ" || head[0][6] != "Cơ quan thực hiện" {
		t.Fatalf("xlsx template rows = %q, %v", head, err)
	}
	raw, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(raw), "\xEF\xBB\xBFTên nhiệm vụ,Mô tả,") {
		t.Fatalf("csv template = %q, %v", raw, err)
	}
	if code, _, _ := runCLI(t, env, "import", "--template", "--out", filepath.Join(dir, "mau.txt")); code == 0 {
		t.Error("a template of an unknown format was written")
	}

	// A filled copy of the CSV template: a dry run, then the import.
	good := filepath.Join(dir, "tot.csv")
	body := string(raw) + "Chuẩn hóa dữ liệu y tế,,Báo cáo,7,,31/07/2023,\"BYT, 01\",,\n"
	if err := os.WriteFile(good, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, env, "import", good, "--plan", "2023", "--dry-run")
	if code != 0 || !strings.Contains(out, "would import (dry run, nothing written): 1 directives, 2 assignments") {
		t.Fatalf("dry run: %d %q %s", code, out, errs)
	}
	code, out, errs = runCLI(t, env, "import", good, "--plan", "2023")
	if code != 0 || !strings.Contains(out, "imported: 1 directives, 2 assignments") {
		t.Fatalf("import: %d %q %s", code, out, errs)
	}

	// Bad rows: a non-zero exit, each listed with its number, nothing written.
	bad := filepath.Join(dir, "loi.csv")
	body = string(raw) + "Chuẩn hóa dữ liệu y tế,,,7,,,BYT,,\n" + ",,,7,,,BYT,,\n" + "Nhiệm vụ mới,,,7,,32/07/2023,KHONGCO,,\n"
	if err := os.WriteFile(bad, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	before := countDirectives(t, env)
	code, _, errs = runCLI(t, env, "import", bad)
	for _, want := range []string{"dòng 2: Tên nhiệm vụ: Kế hoạch đã có nhiệm vụ cùng tên.", "dòng 3: Tên nhiệm vụ: Cần nhập tên nhiệm vụ.",
		"dòng 4: Hạn hoàn thành:", "dòng 4: Cơ quan thực hiện: Không có cơ quan mã KHONGCO.", "3 dòng có lỗi"} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("bad file: exit %d, stderr %q lacks %q", code, errs, want)
		}
	}
	if after := countDirectives(t, env); after != before {
		t.Errorf("a refused import wrote: %d -> %d directives", before, after)
	}
}

func countDirectives(t *testing.T, env map[string]string) int64 {
	t.Helper()
	db, err := OpenDatabase(env["ROVIEC_DATABASE"], time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(db)
	var n int64
	if err := db.Table("directives").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
