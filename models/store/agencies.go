package store

import (
	"context"
	"roviec/models"
	"strings"

	"gorm.io/gorm"
)

// AgencyFilter selects agencies; empty fields do not filter. Query finds
// agencies by code or name, ignoring case and diacritics ("ha noi" finds
// "Hà Nội").
type AgencyFilter struct {
	Kind       models.AgencyKind
	ActiveOnly bool
	Query      string
	Limit      int // when set, at most this many (the first by code)
}

// ListAgencies returns agencies in Vietnamese order.
func (s *Store) ListAgencies(ctx context.Context, f AgencyFilter) ([]models.Agency, error) {
	q := s.db.WithContext(ctx).Model(&models.Agency{})
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.ActiveOnly {
		q = q.Where("active = ?", true)
	}
	if qs := strings.TrimSpace(f.Query); qs != "" {
		q = q.Where(searchKeyLike("search_key", qs))
	}
	if f.Limit > 0 {
		q = q.Order("code").Limit(f.Limit)
	}
	var list []models.Agency
	if err := q.Find(&list).Error; err != nil {
		return nil, err
	}
	models.SortAgencies(list)
	return list, nil
}

// AgencyByCode finds one agency by its code.
func (s *Store) AgencyByCode(ctx context.Context, code string) (*models.Agency, error) {
	var a models.Agency
	if err := s.db.WithContext(ctx).Where("code = ?", code).First(&a).Error; err != nil {
		return nil, NotFound(err)
	}
	return &a, nil
}

// AgencyByID finds one agency by its id.
func (s *Store) AgencyByID(ctx context.Context, id uint) (*models.Agency, error) {
	var a models.Agency
	if err := s.db.WithContext(ctx).First(&a, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &a, nil
}

// AgencyPatch changes an agency's editable fields; nil fields stay.
type AgencyPatch struct {
	Name        *string
	NameEN      *string
	LeaderName  *string
	LeaderEmail *string
	Active      *bool
	Version     int // the agency's version the patch was made on (0: whatever is current)
}

// UpdateAgency applies a patch (admins only; the caller checks permission).
func (s *Store) UpdateAgency(ctx context.Context, code string, p AgencyPatch) (*models.Agency, error) {
	a, err := s.AgencyByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	v := &models.ValidationError{}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		v.Add("name", "err.agency_name_required")
	}
	if p.LeaderEmail != nil && *p.LeaderEmail != "" && !models.ValidEmail(*p.LeaderEmail) {
		v.Add("leader_email", "err.email_invalid")
	}
	for field, text := range map[string]*string{"name": p.Name, "name_en": p.NameEN, "leader_name": p.LeaderName} {
		if text != nil {
			models.CheckLine(v, field, *text, models.MaxNameLen)
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	before := *a
	models.SetStr(&a.Name, p.Name)
	models.SetStr(&a.NameEN, p.NameEN)
	models.SetStr(&a.LeaderName, p.LeaderName)
	models.SetStr(&a.LeaderEmail, p.LeaderEmail)
	if p.Active != nil {
		a.Active = *p.Active
	}
	if err := models.CheckVersion(p.Version, a.Version); err != nil {
		return nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		// The compare-and-swap on the version read above also catches a
		// change made between that read and this write.
		if err := casUpdate(tx, a, &a.Version, a.Version, "Name", "NameEN", "LeaderName", "LeaderEmail", "Active", "SearchKey"); err != nil {
			return err
		}
		if err := audit(tx, models.AuditAgency, a.ID, models.AuditUpdate, before, a); err != nil {
			return err
		}
		// Kept figures stay: they count agencies by id, and are named and
		// left out when inactive at read.
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// agencyIDs resolves agency codes and kinds (active agencies of each kind) to ids, without repeats.
func (s *Store) agencyIDs(ctx context.Context, codes []string, kinds []models.AgencyKind) ([]uint, error) {
	v := &models.ValidationError{}
	var ids []uint
	seen := map[uint]bool{}
	add := func(list []models.Agency) {
		for _, a := range list {
			if !seen[a.ID] {
				seen[a.ID] = true
				ids = append(ids, a.ID)
			}
		}
	}
	for _, k := range kinds {
		if !k.Valid() {
			v.Add("agency_kinds", "err.agency_kind")
			continue
		}
		list, err := s.ListAgencies(ctx, AgencyFilter{Kind: k, ActiveOnly: true})
		if err != nil {
			return nil, err
		}
		add(list)
	}
	if len(codes) > 0 {
		var list []models.Agency
		if err := s.db.WithContext(ctx).Where("code IN ?", codes).Find(&list).Error; err != nil {
			return nil, err
		}
		found := map[string]bool{}
		for _, a := range list {
			found[a.Code] = true
		}
		for _, c := range codes {
			if !found[c] {
				v.Add("agency_codes", "err.agency_unknown", "Code", c)
			}
		}
		list, err := s.refuseMerged(ctx, list, v)
		if err != nil {
			return nil, err
		}
		models.SortAgencies(list)
		add(list)
	}
	if len(ids) == 0 {
		v.Add("agency_codes", "err.agencies_required")
	}
	return ids, v.OrNil()
}

// refuseMerged adds to v an error for each agency of list merged into
// another, naming the successor that answers for new work now, and returns
// the others: a directive given to a merged agency by its old code (an old
// spreadsheet, a bookmarked form) would go to an agency nobody reports for.
func (s *Store) refuseMerged(ctx context.Context, list []models.Agency, v *models.ValidationError) ([]models.Agency, error) {
	var succIDs []uint
	for _, a := range list {
		if a.SuccessorID != nil {
			succIDs = append(succIDs, *a.SuccessorID)
		}
	}
	if len(succIDs) == 0 {
		return list, nil
	}
	var succs []models.Agency
	if err := s.db.WithContext(ctx).Where("id IN ?", succIDs).Find(&succs).Error; err != nil {
		return nil, err
	}
	byID := make(map[uint]models.Agency, len(succs))
	for _, a := range succs {
		byID[a.ID] = a
	}
	kept := list[:0:0]
	for _, a := range list {
		if a.SuccessorID == nil {
			kept = append(kept, a)
			continue
		}
		to := byID[*a.SuccessorID]
		v.Add("agency_codes", "err.agency_merged", "Code", a.Code, "Name", a.Name, "Into", to.Code, "IntoName", to.Name, "On", a.MergedOn.VN())
	}
	return kept, nil
}
