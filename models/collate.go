package models

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortAgencies orders agencies as a Vietnamese reader expects: by kind
// (ministries first), then by name under the Vietnamese collation, where
// "Đ" follows "D" and tones sort after the base letter.
func SortAgencies(list []Agency) {
	c := collate.New(language.Vietnamese, collate.IgnoreCase)
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Kind != list[j].Kind {
			return list[i].Kind == KindMinistry
		}
		return c.CompareString(list[i].Name, list[j].Name) < 0
	})
}
