package export

import (
	"context"
	"fmt"

	"roviec/models"
	"roviec/models/export"
	"roviec/models/store"
)

// matrixPage is how many agencies' rows are read at a time: the store
// windows the matrix by agencies, so a national theme is never whole in
// memory.
const matrixPage = 500

// Matrix is a theme's matrix at the end of asOf: every agency holding its
// work down the side, every directive across (by deadline), each cell the
// copy's timeliness in its colour.
func (b *Builder) Matrix(ctx context.Context, themeID uint, asOf models.Day) (*Export, error) {
	first, err := b.Store.ThemeMatrix(ctx, themeID, asOf, b.Now, store.MatrixWindow{Rows: store.Page{Page: 1, PerPage: matrixPage}})
	if err != nil {
		return nil, err
	}
	cols := b.cols(colSpec{"export.col_agency_code", 10, export.Text}, colSpec{"export.col_agency", 32, export.Text},
		colSpec{"export.col_kind", 12, export.Text})
	for _, d := range first.Directives {
		head := d.Title
		if !d.DueOn.IsZero() {
			head += " (" + d.DueOn.VN() + ")"
		}
		cols = append(cols, export.Column{Header: head, Width: 20})
	}
	return &Export{Name: b.fileName(fmt.Sprintf("matrix-%d", themeID), first.AsOf),
		Table: export.Table{Name: b.T("matrix.title"), Columns: cols,
			Title: b.title(b.T("matrix.title")+" · "+b.themeName(first.Theme), first.AsOf, nil)},
		Rows: func(ctx context.Context, w export.Writer) error {
			m := first
			for page := 1; ; page++ {
				if page > 1 {
					if m, err = b.Store.ThemeMatrix(ctx, themeID, first.AsOf, b.Now,
						store.MatrixWindow{Rows: store.Page{Page: page, PerPage: matrixPage}}); err != nil {
						return err
					}
				}
				for _, r := range m.Rows {
					row := []any{r.Agency.Code, b.agencyName(&r.Agency), b.T("kind." + string(r.Agency.Kind))}
					for _, cell := range r.Cells {
						if cell == nil {
							row = append(row, nil)
							continue
						}
						row = append(row, b.timeliness(cell.Timeliness.Class, cell.Status))
					}
					if err := w.Row(row...); err != nil {
						return err
					}
				}
				if page*matrixPage >= m.Agencies {
					return nil
				}
			}
		}}, nil
}

// Targets is the targets of a plan at the end of asOf: goal, baseline,
// current value, met or not, and for agencies-scope targets the share of
// agencies done overall and per kind.
func (b *Builder) Targets(ctx context.Context, plan *models.Plan, asOf models.Day) (*Export, error) {
	list, err := b.Store.TargetProgressList(ctx, plan.ID, asOf, b.Now)
	if err != nil {
		return nil, err
	}
	share := func(s models.AgencyShare, scope string) []any {
		if scope != models.ScopeAgencies {
			return []any{nil, nil}
		}
		return []any{s.Done, s.Total}
	}
	return &Export{Name: b.fileName("targets", asOf),
		Table: export.Table{Name: b.T("targets.title"), Title: b.title(b.planName(plan)+" · "+b.T("targets.title"), asOf, nil),
			Columns: b.cols(colSpec{"target.code", 8, export.Text}, colSpec{"export.col_pillar", 14, export.Text},
				colSpec{"target.statement", 60, export.Text}, colSpec{"export.col_comparator", 6, export.Text},
				colSpec{"target.goal", 10, export.Number}, colSpec{"export.col_unit", 10, export.Text},
				colSpec{"target.baseline", 10, export.Number}, colSpec{"target.current", 10, export.Number},
				colSpec{"target.result", 12, export.Text}, colSpec{"target.scope", 14, export.Text},
				colSpec{"export.col_done", 10, export.Number}, colSpec{"export.col_assigned", 10, export.Number},
				colSpec{"export.col_ministries_done", 10, export.Number}, colSpec{"export.col_ministries", 10, export.Number},
				colSpec{"export.col_provinces_done", 10, export.Number}, colSpec{"export.col_provinces", 10, export.Number})},
		Rows: func(_ context.Context, w export.Writer) error {
			for i := range list {
				p := &list[i]
				t := &p.Target
				var baseline, value any
				if t.Baseline != nil {
					baseline = *t.Baseline
				}
				result := export.Toned{Text: b.T("target.no_data"), Tone: export.Grey}
				if p.Value != nil {
					value = *p.Value
					result = export.Toned{Text: b.T("target.not_met"), Tone: export.Amber}
					if p.Met {
						result = export.Toned{Text: b.T("target.met"), Tone: export.Green}
					}
				}
				row := []any{t.Code, t.Pillar, t.StatementVI, t.Comparator, t.Value, t.Unit, baseline, value, result,
					b.T("export.scope_" + t.Scope)}
				row = append(row, share(p.Overall, t.Scope)...)
				row = append(row, share(p.Ministries, t.Scope)...)
				row = append(row, share(p.Provinces, t.Scope)...)
				if err := w.Row(row...); err != nil {
					return err
				}
			}
			return nil
		}}, nil
}

// Audit is every row of the audit trail f selects (its page ignored), newest
// first, a batch at a time.
func (b *Builder) Audit(f store.AuditFilter) *Export {
	loc := b.Store.Location()
	cols := []colSpec{{"audit.col_id", 9, export.Number}, {"audit.col_at", 19, export.Text}, {"audit.col_actor_id", 9, export.Number},
		{"audit.col_actor", 26, export.Text}, {"audit.col_address", 16, export.Text}, {"audit.col_entity", 14, export.Text},
		{"audit.col_entity_id", 10, export.Text}, {"audit.col_action", 10, export.Text}, {"audit.col_before", 40, export.Text},
		{"audit.col_after", 40, export.Text}}
	return &Export{Name: b.fileName("audit", ""),
		Table: export.Table{Name: b.T("export.audit"), Title: b.title(b.T("export.audit"), "", nil), Columns: b.cols(cols...)},
		Rows: func(ctx context.Context, w export.Writer) error {
			return b.Store.EachAudit(ctx, f, func(e *models.AuditEntry) error {
				var actorID any
				if e.ActorID != nil {
					actorID = int(*e.ActorID)
				}
				return w.Row(int(e.ID), e.At.In(loc).Format("02/01/2006 15:04:05"), actorID, e.Actor, e.Address, string(e.Entity),
					e.EntityID, string(e.Action), e.Before, e.After)
			})
		}}
}
