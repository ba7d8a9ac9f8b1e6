package models

import (
	"time"

	"gorm.io/gorm"
)

// Frozen shapes of schema version 3 (the committee's view). Do not edit: add a new migration instead.

type v3Update struct {
	DueOn string `gorm:"type:varchar(10)"`
}

type v3Agency struct {
	ID          uint
	Code        string
	Name        string
	NameEN      string
	SearchKey   string `gorm:"index"`
	LeaderEmail string
}

type v3Directive struct {
	ID          uint
	Title       string
	Description string
	SearchKey   string
}

type v3Target struct {
	ID                  uint
	Code                string
	ResponsibleAgencyID *uint `gorm:"index"`
}

type v3TargetValue struct {
	ID          uint `gorm:"primaryKey"`
	TargetID    uint `gorm:"not null;index"`
	Target      v1Target
	Value       float64
	AsOf        string `gorm:"type:varchar(10);index"`
	Source      string
	Note        string
	EnteredByID *uint
	EnteredBy   *v1User
	CreatedAt   time.Time
}

func (v3Update) TableName() string      { return "updates" }
func (v3Agency) TableName() string      { return "agencies" }
func (v3Directive) TableName() string   { return "directives" }
func (v3Target) TableName() string      { return "targets" }
func (v3TargetValue) TableName() string { return "target_values" }

// migrateV3 records the deadline in force in each history row, adds
// diacritics-free search keys to agencies and directives (filled for the rows
// already there), the ministry responsible for each national target (filled
// from the built-in 2023 data by target code), and reported target values.
func migrateV3(tx *gorm.DB) error {
	m := tx.Migrator()
	if err := m.AddColumn(&v3Update{}, "DueOn"); err != nil {
		return err
	}
	if err := m.AddColumn(&v3Agency{}, "SearchKey"); err != nil {
		return err
	}
	if err := m.CreateIndex(&v3Agency{}, "SearchKey"); err != nil {
		return err
	}
	if err := m.AddColumn(&v3Directive{}, "SearchKey"); err != nil {
		return err
	}
	if err := m.AddColumn(&v3Target{}, "ResponsibleAgencyID"); err != nil {
		return err
	}
	if err := m.CreateTable(&v3TargetValue{}); err != nil {
		return err
	}
	var agencies []v3Agency
	if err := tx.Find(&agencies).Error; err != nil {
		return err
	}
	codes := map[string]uint{}
	for _, a := range agencies {
		codes[a.Code] = a.ID
		key := Fold(a.Code + " " + a.Name + " " + a.NameEN)
		if err := tx.Model(&v3Agency{}).Where("id = ?", a.ID).Update("search_key", key).Error; err != nil {
			return err
		}
	}
	var directives []v3Directive
	if err := tx.Find(&directives).Error; err != nil {
		return err
	}
	for _, d := range directives {
		if err := tx.Model(&v3Directive{}).Where("id = ?", d.ID).Update("search_key", Fold(d.Title+" "+d.Description)).Error; err != nil {
			return err
		}
	}
	rows, err := readSeed("targets-2023.csv")
	if err != nil {
		return err
	}
	for _, r := range rows {
		if id, ok := codes[r["responsible"]]; ok {
			if err := tx.Model(&v3Target{}).Where("code = ?", r["code"]).Update("responsible_agency_id", id).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
