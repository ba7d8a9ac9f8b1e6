package models_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"roviec/models"
)

// wide is one character of three bytes: limits count characters, not bytes.
const wide = "ệ"

func TestAssignmentTextLimitsCountCharacters(t *testing.T) {
	coord := &models.User{Role: models.RoleCoordinator, Active: true}
	cases := []struct {
		field string
		max   int
		set   func(ch *models.AssignmentChange, s string)
	}{
		{"owner_name", models.MaxOwnerNameLen, func(ch *models.AssignmentChange, s string) { ch.OwnerName = &s }},
		{"evidence_ref", models.MaxEvidenceRefLen, func(ch *models.AssignmentChange, s string) { ch.EvidenceRef = &s }},
		{"note", models.MaxTextLen, func(ch *models.AssignmentChange, s string) { ch.Note = s }},
	}
	for _, c := range cases {
		for _, n := range []int{c.max, c.max + 1} {
			var ch models.AssignmentChange
			c.set(&ch, strings.Repeat(wide, n))
			a := models.Assignment{Status: models.StatusInProgress}
			_, err := ch.Apply(&a, coord, time.Date(2023, 3, 1, 9, 0, 0, 0, time.UTC), time.UTC)
			var v *models.ValidationError
			refused := errors.As(err, &v) && v.Fields[c.field].ID != ""
			if refused != (n > c.max) {
				t.Errorf("%s of %d characters: %v", c.field, n, err)
			}
			if refused && v.Fields[c.field].Data["Max"] != c.max {
				t.Errorf("%s: message %v, want Max=%d", c.field, v.Fields[c.field], c.max)
			}
		}
	}
}

func TestCheckText(t *testing.T) {
	cases := []struct {
		text, want string
	}{
		{"", "err.reason_required"},
		{strings.Repeat(wide, models.MaxTextLen), ""},
		{strings.Repeat(wide, models.MaxTextLen+1), "err.text_too_long"},
	}
	for _, c := range cases {
		v := &models.ValidationError{}
		models.CheckText(v, "reason", c.text, "err.reason_required")
		if got := v.Fields["reason"].ID; got != c.want {
			t.Errorf("%d characters: %q, want %q", utf8.RuneCountInString(c.text), got, c.want)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		password, want string
	}{
		{"mậtkhẩu", "err.password_short"}, // 7 characters, 10 bytes
		{"mậtkhẩu1", ""},                  // 8 characters
		{strings.Repeat("a", models.MaxPasswordBytes), ""},
		{strings.Repeat("a", models.MaxPasswordBytes+1), "err.password_long"},
		{strings.Repeat(wide, 25), "err.password_long"}, // 25 characters, 75 bytes
		{"nguyễn.an@bộ.vn", "err.password_is_email"},
		{" NGUYỄN.AN ", "err.password_is_email"}, // the part before the @
		{"12345678", "err.password_common"},
		{"MatKhau123", "err.password_common"},
		{"nguyễn.an@bộ.vn.2023", ""},
	}
	for _, c := range cases {
		v := &models.ValidationError{}
		models.CheckPassword(v, "password", c.password, "Nguyễn.An@bộ.vn")
		if got := v.Fields["password"].ID; got != c.want {
			t.Errorf("%q: %q, want %q", c.password, got, c.want)
		}
	}
}

func TestClipTextCutsOnACharacterBoundary(t *testing.T) {
	const text = "Lỗi gửi thư: hộp thư người nhận đã đầy"
	runes := []rune(text)
	for n := 0; n <= len(runes)+1; n++ {
		got := models.ClipText(text, n)
		if want := string(runes[:min(n, len(runes))]); got != want {
			t.Errorf("ClipText(%d) = %q, want %q", n, got, want)
		}
	}
	if got := models.ClipText("h\xe1\xbb\x99p th\xe1", 10); got != "hộp th\uFFFD" || !utf8.ValidString(got) {
		t.Errorf("invalid input: %q, want valid UTF-8", got)
	}
}
