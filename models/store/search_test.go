package store_test

import (
	"reflect"
	"roviec/models/store"
	"sort"
	"testing"

	"roviec/models"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hà Nội", "ha noi"},
		{"Ha\u0300 No\u0323i", "ha noi"}, // decomposed: base letters and combining marks
		{"HÀ NỘI", "ha noi"},
		{"Đà Nẵng", "da nang"},
		{"đà nẵng", "da nang"},
		{"DA NANG", "da nang"},
		{"Hóa", "hoa"},
		{"Hoá", "hoa"}, // old-style tone placement
		{"  Thừa   Thiên\tHuế ", "thua thien hue"},
		{"Bộ Thông tin và Truyền thông", "bo thong tin va truyen thong"},
		{"20% _x", "20% _x"},
		{"", ""},
	}
	for _, c := range cases {
		if got := models.Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchAgenciesIgnoresCaseAndDiacritics(t *testing.T) {
	s := seededStore(t)
	cases := []struct {
		q    string
		kind models.AgencyKind
		want []string // agency codes, sorted
	}{
		{"ha noi", "", []string{"01"}},
		{"Hà Nội", "", []string{"01"}},
		{"Ha\u0300 No\u0323i", "", []string{"01"}},
		{"HÀ NỘI", "", []string{"01"}},
		{"Đà Nẵng", "", []string{"48"}},
		{"da nang", "", []string{"48"}},
		{"DA NANG", "", []string{"48"}},
		{"ho chi minh", "", []string{"79", "BQLLANG"}},
		{"ho chi minh", models.KindProvince, []string{"79"}},
		{"bttTT", "", []string{"BTTTT"}},
		{"thong tin va truyen thong", "", []string{"BTTTT"}},
		{"%", "", nil},
		{"_", "", nil},
		{"khong co noi nao", "", nil},
	}
	for _, c := range cases {
		list, err := s.ListAgencies(ctx, store.AgencyFilter{Query: c.q, Kind: c.kind})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range list {
			got = append(got, a.Code)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("agencies %q (kind %q) = %v, want %v", c.q, c.kind, got, c.want)
		}
	}
	all, err := s.ListAgencies(ctx, store.AgencyFilter{Query: "   "})
	if err != nil || len(all) != 93 {
		t.Fatalf("a blank query lists all 93 agencies, got %d (%v)", len(all), err)
	}
}

func TestSearchDirectivesIgnoresCaseAndDiacritics(t *testing.T) {
	s := seededStore(t)
	titles := func(q string) []string {
		t.Helper()
		list, total, err := s.ListDirectives(ctx, store.DirectiveFilter{Query: q})
		if err != nil || int(total) != len(list) {
			t.Fatalf("%q: %d of %d, %v", q, len(list), total, err)
		}
		var out []string
		for _, d := range list {
			out = append(out, d.Title)
		}
		return out
	}
	review := titles("Rà soát")
	if len(review) < 2 {
		t.Fatalf("the 2023 programme has several review tasks, found %v", review)
	}
	for _, q := range []string{"ra soat", "RÀ SOÁT", "Ra\u0300 soa\u0301t", "RA SOAT"} {
		if got := titles(q); !reflect.DeepEqual(got, review) {
			t.Errorf("%q found %v, want %v", q, got, review)
		}
	}
	if got := titles("dien tu hoa mau don"); len(got) != 1 || got[0] != titles("điện tử hóa mẫu đơn")[0] {
		t.Errorf("đ and tones: %v", got)
	}
	// % and _ in a query are literal: "20%" is in one task, "2_%" in none.
	if got := titles("20%"); len(got) != 1 {
		t.Errorf("20%%: %v", got)
	}
	if got := titles("2_%"); len(got) != 0 {
		t.Errorf("2_%% must match literally, found %v", got)
	}
}
