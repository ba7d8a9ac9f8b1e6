package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen shapes of schema version 1. Do not edit: add a new migration instead.

type v1Plan struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"not null"`
	NameEN    string
	Year      int `gorm:"not null;index"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type v1Theme struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint `gorm:"not null;index"`
	Plan        v1Plan
	FirstMonth  int `gorm:"not null"`
	LastMonth   int `gorm:"not null"`
	TitleVI     string
	TitleEN     string
	Description string
	Source      string
}

type v1Agency struct {
	ID          uint   `gorm:"primaryKey"`
	Code        string `gorm:"not null;uniqueIndex"`
	Name        string `gorm:"not null"`
	NameEN      string
	Kind        string `gorm:"not null;index"`
	Group       string `gorm:"column:agency_group"`
	LeaderName  string
	LeaderEmail string
	Active      bool `gorm:"not null"`
}

type v1User struct {
	ID           uint   `gorm:"primaryKey"`
	Email        string `gorm:"not null;uniqueIndex"`
	Name         string `gorm:"not null"`
	Role         string `gorm:"not null"`
	AgencyID     *uint  `gorm:"index"`
	Agency       *v1Agency
	Language     string `gorm:"not null"`
	Active       bool   `gorm:"not null"`
	PasswordHash string `gorm:"not null"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

type v1Target struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint `gorm:"not null;index"`
	Plan        v1Plan
	Code        string `gorm:"not null"`
	Pillar      string
	StatementVI string
	Comparator  string
	Value       float64
	Unit        string
	Scope       string
	Baseline    *float64
	Source      string
	Note        string
}

type v1Directive struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint `gorm:"not null;index"`
	Plan        v1Plan
	ThemeID     uint `gorm:"not null;index"`
	Theme       v1Theme
	Pillar      string
	Title       string `gorm:"not null"`
	Description string
	Deliverable string
	DueOn       string `gorm:"type:varchar(10)"`
	TargetID    *uint  `gorm:"index"`
	Target      *v1Target
	Source      string
	CreatedByID *uint
	CreatedBy   *v1User
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type v1Assignment struct {
	ID           uint `gorm:"primaryKey"`
	DirectiveID  uint `gorm:"not null;index;uniqueIndex:idx_assignment_directive_agency"`
	Directive    v1Directive
	AgencyID     uint `gorm:"not null;index;uniqueIndex:idx_assignment_directive_agency"`
	Agency       v1Agency
	OwnerName    string
	OwnerEmail   string
	Status       string `gorm:"not null;index"`
	Progress     int    `gorm:"not null"`
	DueOn        string `gorm:"type:varchar(10);index"`
	SubmittedOn  string `gorm:"type:varchar(10)"`
	CompletedOn  string `gorm:"type:varchar(10)"`
	EvidenceRef  string
	EvidenceDate string `gorm:"type:varchar(10)"`
	EvidenceURL  string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

type v1Update struct {
	ID           uint `gorm:"primaryKey"`
	AssignmentID uint `gorm:"not null;index"`
	Assignment   v1Assignment
	UserID       *uint
	User         *v1User
	At           time.Time `gorm:"not null;index"`
	FromStatus   string
	ToStatus     string
	Progress     int
	Note         string
	OwnerName    string
	OwnerEmail   string
	EvidenceRef  string
	EvidenceDate string `gorm:"type:varchar(10)"`
	EvidenceURL  string
}

type v1Token struct {
	ID        uint `gorm:"primaryKey"`
	UserID    uint `gorm:"not null;index"`
	User      v1User
	Kind      string `gorm:"not null"`
	Hash      string `gorm:"not null;uniqueIndex"`
	CSRF      string
	ExpiresAt time.Time `gorm:"not null"`
	CreatedAt time.Time
}

func (v1Plan) TableName() string       { return "plans" }
func (v1Theme) TableName() string      { return "themes" }
func (v1Agency) TableName() string     { return "agencies" }
func (v1User) TableName() string       { return "users" }
func (v1Target) TableName() string     { return "targets" }
func (v1Directive) TableName() string  { return "directives" }
func (v1Assignment) TableName() string { return "assignments" }
func (v1Update) TableName() string     { return "updates" }
func (v1Token) TableName() string      { return "tokens" }

func migrateV1(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&v1Plan{}, &v1Theme{}, &v1Agency{}, &v1User{}, &v1Target{},
		&v1Directive{}, &v1Assignment{}, &v1Update{}, &v1Token{})
}
