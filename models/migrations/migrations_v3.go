package migrations

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

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
		key := v3Fold(a.Code + " " + a.Name + " " + a.NameEN)
		if err := tx.Model(&v3Agency{}).Where("id = ?", a.ID).Update("search_key", key).Error; err != nil {
			return err
		}
	}
	var directives []v3Directive
	if err := tx.Find(&directives).Error; err != nil {
		return err
	}
	for _, d := range directives {
		if err := tx.Model(&v3Directive{}).Where("id = ?", d.ID).Update("search_key", v3Fold(d.Title+" "+d.Description)).Error; err != nil {
			return err
		}
	}
	for target, agency := range v3Responsible2023() {
		if id, ok := codes[agency]; ok {
			if err := tx.Model(&v3Target{}).Where("code = ?", target).Update("responsible_agency_id", id).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// v3Responsible2023 maps each national target of 2023 to the code of the
// ministry responsible for it, as migration 3 filled them. Frozen.
func v3Responsible2023() map[string]string {
	return map[string]string{
		"D7":  "BGDDT",
		"D8":  "BTTTT",
		"G3":  "VPCP",
		"G4":  "VPCP",
		"G5":  "VPCP",
		"G6":  "VPCP",
		"G7":  "BCA",
		"G8":  "VPCP",
		"G9":  "VPCP",
		"G11": "BNV",
		"E1":  "BKHDT",
		"E2":  "BCT",
		"E4":  "BKHDT",
		"E5":  "BKHDT",
		"S1":  "BTTTT",
		"S2":  "BTTTT",
		"S3":  "BCA",
		"S4":  "BTTTT",
		"S5":  "NHNN",
		"S6":  "VPCP",
		"S7":  "BYT",
		"S8":  "BYT",
		"C1":  "BTTTT",
		"C2":  "BTTTT",
		"C3":  "BTTTT",
		"C4":  "BTTTT",
	}
}

// v3Fold is the search key of schema 3: lower case, without diacritics ("Đ"
// becomes "d"), spaces collapsed. A frozen copy: later changes to the live
// search key must not change what this migration wrote.
func v3Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
