package models

import (
	"strings"
)

// ValidatePlan checks a plan's name and year (422 messages).
func ValidatePlan(p *Plan) error {
	v := &ValidationError{}
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		v.Add("name", "err.plan_name_required")
	}
	CheckLine(v, "name", p.Name, MaxNameLen)
	CheckLine(v, "name_en", p.NameEN, MaxNameLen)
	if p.Year < 2000 || p.Year > 2100 {
		v.Add("year", "err.plan_year")
	}
	return v.OrNil()
}
