package models

import (
	"bytes"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortAgencies orders agencies as a Vietnamese reader expects: by kind
// (ministries first), then by name under the Vietnamese collation, where
// "Đ" follows "D" and tones sort after the base letter.
func SortAgencies(list []Agency) {
	keys := nameKeys(len(list), func(i int) string { return list[i].Name })
	sortStable(list, func(i, j int) bool { return agencyBefore(&list[i], &list[j], keys[i], keys[j]) })
}

// SortAssignmentsByAgency orders assignments (with their Agency loaded) the
// way SortAgencies orders agencies: ministries first, then by Vietnamese name.
func SortAssignmentsByAgency(list []Assignment) {
	name := func(i int) string {
		if list[i].Agency == nil {
			return ""
		}
		return list[i].Agency.Name
	}
	keys := nameKeys(len(list), name)
	sortStable(list, func(i, j int) bool { return agencyBefore(list[i].Agency, list[j].Agency, keys[i], keys[j]) })
}

// agencyBefore says whether agency a (name key ka) comes before b (kb):
// ministries first, then by name; an item without an agency goes last.
func agencyBefore(a, b *Agency, ka, kb []byte) bool {
	switch {
	case a == nil || b == nil:
		return a != nil && b == nil
	case a.Kind != b.Kind:
		return a.Kind == KindMinistry
	}
	return bytes.Compare(ka, kb) < 0
}

// sortStable sorts list stably by less, which compares the items at
// positions i and j of list as it was given (so that keys computed for each
// position beforehand stay with their item).
func sortStable[T any](list []T, less func(i, j int) bool) {
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return less(idx[x], idx[y]) })
	sorted := make([]T, len(list))
	for i, k := range idx {
		sorted[i] = list[k]
	}
	copy(list, sorted)
}

// nameKeys are the Vietnamese collation keys of n names: comparing two keys
// byte by byte orders the names as the collation does, at a fraction of the
// cost of comparing the names each time.
func nameKeys(n int, name func(int) string) [][]byte {
	c := vietnameseOrder()
	var buf collate.Buffer
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = bytes.Clone(c.KeyFromString(&buf, name(i)))
		buf.Reset()
	}
	return keys
}

// vietnameseOrder is the collation names are sorted by: Vietnamese, case
// ignored. A collator is not safe for concurrent use, so each caller makes
// its own.
func vietnameseOrder() *collate.Collator { return collate.New(language.Vietnamese, collate.IgnoreCase) }
