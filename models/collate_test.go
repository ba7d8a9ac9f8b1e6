package models_test

import (
	"fmt"
	"testing"

	"roviec/models"
)

func TestSortAgencies(t *testing.T) {
	tests := []struct {
		name string
		in   []string // provinces unless prefixed "M:" (a ministry)
		want []string
	}{
		{"Đ after D, before E", []string{"Đà Nẵng", "Yên Bái", "Duy Tiên", "Điện Biên", "Gia Lai"},
			[]string{"Duy Tiên", "Đà Nẵng", "Điện Biên", "Gia Lai", "Yên Bái"}},
		{"a, ă, â in order", []string{"Đắk Lắk", "Cần Thơ", "Cà Mau", "Cao Bằng"},
			[]string{"Cà Mau", "Cao Bằng", "Cần Thơ", "Đắk Lắk"}},
		{"tones follow the base letter", []string{"Bắc Ninh", "Bạc Liêu", "Bến Tre", "Bắc Giang", "Bình Định", "An Giang"},
			[]string{"An Giang", "Bạc Liêu", "Bắc Giang", "Bắc Ninh", "Bến Tre", "Bình Định"}},
		{"Hà, Hải, Hậu, Hồ, Hưng", []string{"Hưng Yên", "Hồ Chí Minh", "Hậu Giang", "Hải Phòng", "Hà Tĩnh", "Hà Nội"},
			[]string{"Hà Nội", "Hà Tĩnh", "Hải Phòng", "Hậu Giang", "Hồ Chí Minh", "Hưng Yên"}},
		{"ministries first", []string{"An Giang", "M:Văn phòng Chính phủ", "M:Bộ Y tế", "Đồng Nai"},
			[]string{"Bộ Y tế", "Văn phòng Chính phủ", "An Giang", "Đồng Nai"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list := make([]models.Agency, len(tc.in))
			for i, name := range tc.in {
				list[i] = models.Agency{Name: name, Kind: models.KindProvince}
				if len(name) > 2 && name[:2] == "M:" {
					list[i] = models.Agency{Name: name[2:], Kind: models.KindMinistry}
				}
			}
			models.SortAgencies(list)
			got := make([]string, len(list))
			for i, a := range list {
				got[i] = a.Name
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
