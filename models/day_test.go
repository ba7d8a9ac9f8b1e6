package models

import "testing"

// TestParseDay: every way a date is typed on a phone or a desk gives the same
// day; anything else is refused.
func TestParseDay(t *testing.T) {
	for _, in := range []string{"25/02/2023", "25-02-2023", "25.02.2023", "2023-02-25", " 25/2/2023 ", "25.2.2023"} {
		if d, err := ParseDay(in); err != nil || d != "2023-02-25" {
			t.Errorf("ParseDay(%q) = %q, %v; want 2023-02-25", in, d, err)
		}
	}
	if d, err := ParseDay("5/2/2023"); err != nil || d != "2023-02-05" {
		t.Errorf("ParseDay(5/2/2023) = %q, %v", d, err)
	}
	for _, in := range []string{"31/02/2023", "2023/02/25", "25/02/23", "25 02 2023", "02/25/2023", "25/02/1899", "abc", "25//02/2023"} {
		if d, err := ParseDay(in); err == nil {
			t.Errorf("ParseDay(%q) = %q, want an error", in, d)
		}
	}
}

// TestValidationErrorOrder: messages keep the order they were found in, and
// a merge adds only the fields not yet invalid.
func TestValidationErrorOrder(t *testing.T) {
	v := &ValidationError{}
	v.Add("note", "err.a")
	v.Add("due_date", "err.b")
	w := &ValidationError{}
	w.Add("note", "err.c")
	w.Add("evidence_ref", "err.d")
	v.Merge(w)
	if got := v.Ordered(); len(got) != 3 || got[0] != "note" || got[1] != "due_date" || got[2] != "evidence_ref" {
		t.Errorf("order %v", got)
	}
	if v.Fields["note"].ID != "err.a" || v.Fields["evidence_ref"].ID != "err.d" {
		t.Errorf("fields %v", v.Fields)
	}
}
