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
	c := vietnameseOrder()
	sort.SliceStable(list, func(i, j int) bool { return agencyBefore(c, &list[i], &list[j]) })
}

// agencyBefore reports whether agency a comes before b in SortAgencies' order.
func agencyBefore(c *collate.Collator, a, b *Agency) bool {
	if a.Kind != b.Kind {
		return a.Kind == KindMinistry
	}
	return c.CompareString(a.Name, b.Name) < 0
}

// vietnameseOrder is the collation names are sorted by: Vietnamese, case
// ignored. A collator is not safe for concurrent use, so each caller makes
// its own.
func vietnameseOrder() *collate.Collator { return collate.New(language.Vietnamese, collate.IgnoreCase) }
