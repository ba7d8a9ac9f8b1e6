package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"roviec/models"
)

// agencyOrder is every agency's place in the order pages list them in
// (models.SortAgencies: ministries first, then by Vietnamese name), as it
// was when the store last sorted them: sorting 3,393 names under the
// Vietnamese collation costs more than the rest of a matrix page.
type agencyOrder map[uint]agencyPlace

// agencyPlace is an agency's rank and the kind and name it was sorted by.
type agencyPlace struct {
	rank int
	kind models.AgencyKind
	name string
}

// agenciesInSortedOrder reads the ids, kinds and names of the agencies that
// the condition where (with args) selects and returns the ids in
// models.SortAgencies order. The order of all agencies is kept in memory and
// checked against the rows read: when one of them is missing from it or was
// sorted under another kind or name (an agency was added or renamed, here or
// by another instance on the same database), every agency is sorted again.
func (s *Store) agenciesInSortedOrder(ctx context.Context, where string, args ...any) ([]uint, error) {
	order := s.agencyOrder.Load()
	ids, current, err := s.readAgencies(ctx, order, where, args)
	if err != nil {
		return nil, err
	}
	if !current {
		if order, err = s.sortAgencies(ctx); err != nil {
			return nil, err
		}
	}
	// Each id at its rank, then the ranks in order: no comparison sort.
	// (An agency deleted between two reads has no place: it is left out.)
	placed := make([]uint, len(*order))
	for _, id := range ids {
		if p, ok := (*order)[id]; ok {
			placed[p.rank] = id
		}
	}
	return slices.DeleteFunc(placed, func(id uint) bool { return id == 0 }), nil
}

// readAgencies reads the agencies where selects and says whether order
// knows each of them under the kind and name they have now.
func (s *Store) readAgencies(ctx context.Context, order *agencyOrder, where string, args []any) (ids []uint, current bool, err error) {
	rows, err := s.db.WithContext(ctx).Model(&models.Agency{}).Select("id", "kind", "name").Where(where, args...).Rows()
	if err != nil {
		return nil, false, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	current = order != nil
	var id uint
	var kind, name sql.RawBytes // compared, not kept: no copy per row
	for rows.Next() {
		if err := rows.Scan(&id, &kind, &name); err != nil {
			return nil, false, err
		}
		if current {
			p, ok := (*order)[id]
			current = ok && string(kind) == string(p.kind) && string(name) == p.name
		}
		ids = append(ids, id)
	}
	return ids, current, rows.Err()
}

// sortAgencies sorts every agency again and keeps the order for the next
// callers.
func (s *Store) sortAgencies(ctx context.Context) (*agencyOrder, error) {
	var all []models.Agency
	if err := s.db.WithContext(ctx).Select("id", "kind", "name").Order("id").Find(&all).Error; err != nil {
		return nil, err
	}
	models.SortAgencies(all)
	order := make(agencyOrder, len(all))
	for i, a := range all {
		order[a.ID] = agencyPlace{rank: i, kind: a.Kind, name: a.Name}
	}
	s.agencyOrder.Store(&order)
	return &order, nil
}
