package seed

import (
	"context"
	"fmt"
	"roviec/models"
	"roviec/models/store"
	"strings"
)

// Mergers2025 are the mergers of provinces of July 2025 (63 became 34, from
// the embedded provinces-2025-mergers.csv), with the codes of the provinces
// in the database: each new province takes the code of the old one whose
// name it keeps. A province that only changed its name (Thừa Thiên Huế
// became Huế) merges nothing and is left out.
func Mergers2025(ctx context.Context, s *store.Store) ([]models.Merger, error) {
	rows, err := readSeed("provinces-2025-mergers.csv")
	if err != nil {
		return nil, err
	}
	provinces, err := s.ListAgencies(ctx, store.AgencyFilter{Kind: models.KindProvince})
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, a := range provinces {
		byName[models.Fold(a.Name)] = a.Code
	}
	var out []models.Merger
	for _, r := range rows {
		names := strings.Split(r["merged_from"], ";")
		if len(names) < 2 {
			continue
		}
		m := models.Merger{Into: byName[models.Fold(r["new_name"])]}
		for _, n := range names {
			code, ok := byName[models.Fold(n)]
			if !ok {
				return nil, fmt.Errorf("provinces-2025-mergers.csv: no province named %q", n)
			}
			if code != m.Into {
				m.From = append(m.From, code)
			}
		}
		if m.Into == "" {
			return nil, fmt.Errorf("provinces-2025-mergers.csv: no province named %q", r["new_name"])
		}
		out = append(out, m)
	}
	return out, nil
}
