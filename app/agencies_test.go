package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store/storetest"
)

// TestCLIAgenciesMerge merges provinces from the command line: the summary
// says what moved, a refusal exits 1 with the store's message in Vietnamese
// and writes nothing, and a new successor needs a name.
func TestCLIAgenciesMerge(t *testing.T) {
	env := map[string]string{"ROVIEC_DATABASE": storetest.Database(t)}
	if code, _, errs := runCLI(t, env, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, env, "user", "add", "--email", "dau.moi@hagiang.gov.vn", "--name", "Lò Văn Bình",
		"--role", "focal", "--agency", "02", "--password", "thu-nghiem-42"); code != 0 {
		t.Fatalf("user add: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, env, "agencies", "merge", "--into", "08", "--from", " 02 ")
	summary := regexp.MustCompile(`^merged 02 into 08 \(Tuyên Quang\): moved \d+ open assignments, cancelled [1-9]\d* \(the successor holds the directive\), left \d+ done or cancelled with the merged agencies; moved 1 users\n$`)
	if code != 0 || !summary.MatchString(out) {
		t.Fatalf("merge: %d %q %s", code, out, errs)
	}

	// 02 is merged already: the whole merger is refused, 06 stays active.
	code, _, errs = runCLI(t, env, "agencies", "merge", "--into", "19", "--from", "06,02")
	if code != 1 || !strings.Contains(errs, "Cơ quan 02 đã ngừng hoạt động (đã sáp nhập).") {
		t.Fatalf("merging a merged agency must fail clearly: %d %s", code, errs)
	}
	code, _, errs = runCLI(t, env, "agencies", "merge", "--into", "THAI-BAC", "--from", "06,19")
	if code != 1 || !strings.Contains(errs, "Chưa có cơ quan mã THAI-BAC: hãy nhập tên để tạo cơ quan kế thừa mới.") {
		t.Fatalf("a new successor without a name must fail clearly: %d %s", code, errs)
	}
	db, err := OpenDatabase(env["ROVIEC_DATABASE"], time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(db)
	var active int64
	if err := db.Model(&models.Agency{}).Where("code IN ? AND active", []string{"06", "19"}).Count(&active).Error; err != nil {
		t.Fatal(err)
	}
	if active != 2 {
		t.Fatalf("refused mergers must change nothing: %d of 06, 19 active", active)
	}

	code, out, errs = runCLI(t, env, "agencies", "merge", "--into", "THAI-BAC", "--from", "06,19", "--name", "Thái Nguyên mới")
	if code != 0 || !strings.HasPrefix(out, "merged 06,19 into new agency THAI-BAC (Thái Nguyên mới): moved ") {
		t.Fatalf("merge into a new agency: %d %q %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, env, "agencies", "split"); code != 1 || !strings.Contains(errs, "usage: roviec agencies merge") {
		t.Fatalf("unknown sub-command: %d %s", code, errs)
	}
}
