package models

import (
	"reflect"
	"testing"
	"time"
)

// Rebase keeps the fields the user changed and leaves out the others; a
// field both changed, differently, clashes; the same value does not.
func TestRebase(t *testing.T) {
	read := Assignment{Status: StatusNotStarted, OwnerName: "", EvidenceRef: "", Progress: 0}
	cur := Assignment{Status: StatusNotStarted, OwnerName: "Bình", EvidenceRef: "45/QĐ", Progress: 0}
	str := func(s string) *string { return &s }
	num := func(n int) *int { return &n }
	for _, tc := range []struct {
		name  string
		ch    AssignmentChange
		clash []string
		kept  AssignmentChange
	}{
		{"progress only", AssignmentChange{Progress: num(40), OwnerName: str(""), EvidenceRef: str(" ")},
			nil, AssignmentChange{Progress: num(40)}},
		{"owner clashes", AssignmentChange{Progress: num(40), OwnerName: str("Hằng")},
			[]string{"owner_name"}, AssignmentChange{Progress: num(40), OwnerName: str("Hằng")}},
		{"same owner", AssignmentChange{OwnerName: str("Bình")}, nil, AssignmentChange{OwnerName: str("Bình")}},
		{"date as typed", AssignmentChange{EvidenceDate: str("")}, nil, AssignmentChange{}},
	} {
		ch := tc.ch
		if clash := ch.Rebase(&read, &cur); !reflect.DeepEqual(clash, tc.clash) {
			t.Errorf("%s: clash %v, want %v", tc.name, clash, tc.clash)
		}
		if !reflect.DeepEqual(ch, tc.kept) {
			t.Errorf("%s: kept %+v, want %+v", tc.name, ch, tc.kept)
		}
	}
}

// ChangesSince names each field changed after the state read, with the
// last person who changed it; a note alone changes none.
func TestChangesSince(t *testing.T) {
	at := time.Date(2023, 3, 1, 3, 0, 0, 0, time.UTC)
	read := Assignment{Status: StatusInProgress, Progress: 20, Version: 2}
	binh, an := &User{Name: "Bình"}, &User{Name: "An"}
	rows := []Update{
		{User: binh, At: at, FromStatus: StatusInProgress, ToStatus: StatusInProgress, Progress: 20, OwnerName: "Bình", Version: 3},
		{User: an, At: at.Add(time.Hour), FromStatus: StatusInProgress, ToStatus: StatusInProgress, Progress: 50, OwnerName: "Bình", Version: 4},
		{User: binh, At: at.Add(2 * time.Hour), FromStatus: StatusInProgress, ToStatus: StatusInProgress, Progress: 50, OwnerName: "Bình", Note: "ghi chú", Version: 4},
	}
	got := ChangesSince(read, rows, time.UTC)
	want := []FieldChange{{"progress", "An", at.Add(time.Hour)}, {"owner_name", "Bình", at}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("changes %+v, want %+v", got, want)
	}
}
