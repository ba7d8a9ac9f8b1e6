package models_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"roviec/models"
)

// FuzzParseDay: any text either gives an error or a real date of the
// accepted years, in the ISO form, that reads back the same from its ISO and
// its dd/mm/yyyy forms.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2023-03-31", "31/03/2023", "1/2/2023", "01/2/2023", "2023-02-30", "30/02/2023", "29/02/2024",
		"0001-01-01", "31/12/9999", "99999-01-01", "2000-01-01", "31/12/2100", "2023-3-1", " 2023-03-31", "2023-03-31T00:00:00Z",
		"", " ", "\t", "-1/-1/-1", "31/03/2023\x00", "३१/०३/२०२३"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := models.ParseDay(s)
		if err != nil {
			if d != "" {
				t.Fatalf("ParseDay(%q) = %q with error %v", s, d, err)
			}
			return
		}
		if strings.TrimSpace(s) == "" { // nothing typed (spaces are trimmed): no date, no error
			if d != "" {
				t.Fatalf("ParseDay(%q) = %q", s, d)
			}
			return
		}
		tm, perr := time.Parse(models.DayLayout, string(d))
		if perr != nil || tm.Format(models.DayLayout) != string(d) {
			t.Fatalf("ParseDay(%q) = %q: not an ISO date", s, d)
		}
		if tm.Year() < models.MinYear || tm.Year() > models.MaxYear {
			t.Fatalf("ParseDay(%q) = %q: outside %d..%d", s, d, models.MinYear, models.MaxYear)
		}
		for _, form := range []string{string(d), d.VN()} {
			if again, err := models.ParseDay(form); err != nil || again != d {
				t.Fatalf("ParseDay(%q) = %q, but its form %q reads back as %q (%v)", s, d, form, again, err)
			}
		}
	})
}

// FuzzNormaliseEmail: normalising twice changes nothing more, and the
// result has no surrounding space and no upper case.
func FuzzNormaliseEmail(f *testing.F) {
	for _, s := range []string{"Dau.Moi@HaNoi.gov.vn", " a@b.vn ", "NGUYỄN@BỘ.VN", "nguye\u0302\u0303n@bo.vn", "İ@x.vn", "\u212a@x.vn",
		"ß@x.vn", "\x00@x.vn", "\xff\xfe@x.vn", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := models.NormaliseEmail(s)
		if again := models.NormaliseEmail(n); again != n {
			t.Fatalf("NormaliseEmail(%q) = %q, and again %q", s, n, again)
		}
		if strings.TrimSpace(n) != n {
			t.Fatalf("NormaliseEmail(%q) = %q keeps surrounding space", s, n)
		}
		if utf8.ValidString(s) && strings.ToLower(n) != n {
			t.Fatalf("NormaliseEmail(%q) = %q keeps upper case", s, n)
		}
	})
}

// FuzzCheckPassword: a password too short (in characters) or too long (in
// bytes) for bcrypt is always refused, a refusal names the field, and every
// accepted one hashes and verifies (the other rules, the account's e-mail and
// the common passwords, may refuse more).
func FuzzCheckPassword(f *testing.F) {
	for _, s := range []string{"12345678", "short", strings.Repeat("ư", 36), strings.Repeat("ư", 37), strings.Repeat("a", 72),
		strings.Repeat("a", 73), "mật khẩu", "\x00\x00\x00\x00\x00\x00\x00\x00", "\xff\xff\xff\xff\xff\xff\xff\xff", "",
		"nguoi.dung@test.vn", "Nguoi.Dung"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := &models.ValidationError{}
		models.CheckPassword(v, "password", s, "nguoi.dung@test.vn")
		bad := utf8.RuneCountInString(s) < models.MinPasswordLen || len(s) > models.MaxPasswordBytes
		refused := v.OrNil() != nil
		if bad && !refused {
			t.Fatalf("CheckPassword(%q) accepted a password bcrypt cannot take whole", s)
		}
		if refused {
			if _, ok := v.Fields["password"]; !ok {
				t.Fatalf("CheckPassword(%q) refused it without naming the field", s)
			}
			return
		}
		hash, err := bcrypt.GenerateFromPassword([]byte(s), bcrypt.MinCost)
		if err != nil {
			t.Fatalf("accepted password %q does not hash: %v", s, err)
		}
		if bcrypt.CompareHashAndPassword(hash, []byte(s)) != nil {
			t.Fatalf("accepted password %q does not verify", s)
		}
	})
}
