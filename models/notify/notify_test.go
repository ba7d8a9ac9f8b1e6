package notify

import (
	"reflect"
	"testing"
	"time"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{"@an@mic.gov.vn xem giúp", []string{"an@mic.gov.vn"}},
		{"Nhờ @An@MIC.gov.vn và (@binh@hanoi.gov.vn).", []string{"an@mic.gov.vn", "binh@hanoi.gov.vn"}},
		{"gửi về an@mic.gov.vn", nil},
		{"@an@mic.gov.vn @an@mic.gov.vn", []string{"an@mic.gov.vn"}},
		{"hỏi @an@mic.gov.vn.", []string{"an@mic.gov.vn"}},
		{"@ không ai", nil},
	}
	for _, tc := range tests {
		if got := Mentions(tc.body); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Mentions(%q) = %q, want %q", tc.body, got, tc.want)
		}
	}
}

func TestEditWindow(t *testing.T) {
	at := time.Date(2023, 4, 3, 1, 0, 0, 0, time.UTC)
	c := Comment{AuthorID: 7, CreatedAt: at}
	for _, tc := range []struct {
		user uint
		now  time.Time
		want bool
	}{
		{7, at, true},
		{7, at.Add(EditWindow - time.Second), true},
		{7, at.Add(EditWindow), false},
		{8, at, false},
	} {
		if got := c.Editable(tc.user, tc.now); got != tc.want {
			t.Errorf("Editable(%d, +%s) = %v, want %v", tc.user, tc.now.Sub(at), got, tc.want)
		}
	}
}

func TestPrefsOverDefaults(t *testing.T) {
	got := Prefs([]Pref{{Kind: Assigned, Mode: None}, {Kind: "bogus", Mode: Now}})
	if got[Assigned] != None || got[Returned] != Now || got[Commented] != Digest || len(got) != len(Kinds) {
		t.Errorf("Prefs = %v", got)
	}
}
