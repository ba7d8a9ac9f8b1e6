package seed

import (
	"strings"

	"gorm.io/gorm"
)

// sourceCitations maps each source article's internal key (its file name in
// the reference data) to the official document it reports, the only form a
// user should see as a source.
func sourceCitations() (map[string]string, error) {
	rows, err := readSeed("sources.csv")
	if err != nil {
		return nil, err
	}
	docs := make(map[string]string, len(rows))
	for _, r := range rows {
		docs[r["seed"]] = r["document_vi"]
	}
	return docs, nil
}

// cite turns a seed row's source keys ("a.txt;b.txt") into the documents'
// names; an unknown key is kept as written so a typo in the data shows up
// rather than vanishing.
func cite(docs map[string]string, keys string) string {
	var out []string
	for _, k := range strings.Split(keys, ";") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if d, ok := docs[k]; ok {
			k = d
		}
		out = append(out, k)
	}
	return strings.Join(out, "; ")
}

// recite rewrites sources still holding article keys, as databases seeded
// before the citations were added do, so a re-run of the seed fixes them. It
// is a correction of the built-in data, not a user's edit: versions and the
// audit trail are left alone.
func recite(tx *gorm.DB, docs map[string]string) error {
	for _, table := range []string{"themes", "targets", "directives"} {
		var keys []string
		if err := tx.Table(table).Where("source LIKE ?", "%.txt%").Distinct().Pluck("source", &keys).Error; err != nil {
			return err
		}
		for _, k := range keys {
			if err := tx.Table(table).Where("source = ?", k).UpdateColumn("source", cite(docs, k)).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
