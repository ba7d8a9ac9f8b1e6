package models

import (
	"slices"
	"time"
)

// Role is what a user may do in the application.
type Role string

// Roles a user may hold.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleFocal       Role = "focal"
	RoleViewer      Role = "viewer"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleFocal, RoleViewer}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// AgencyKind says whether an agency is a central body or a province.
type AgencyKind string

// Agency kinds.
const (
	KindMinistry AgencyKind = "ministry" // bộ, ngành
	KindProvince AgencyKind = "province" // địa phương
)

// AgencyKinds lists the kinds, ministries first (as the committee counts them).
var AgencyKinds = []AgencyKind{KindMinistry, KindProvince}

// Valid reports whether k is one of AgencyKinds.
func (k AgencyKind) Valid() bool { return slices.Contains(AgencyKinds, k) }

// Pillars of the digital transformation programme.
var Pillars = []string{"data", "government", "economy", "society", "security"}

// Plan is a year-long programme, e.g. the 2023 National Digital Data Year.
type Plan struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"not null"`
	NameEN    string
	Year      int  `gorm:"not null;index"`
	Public    bool // its scoreboards open to anyone at /public/{year or id}
	Version   int  `gorm:"not null;default:1"` // raised by every change (versions.go)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Theme is the focus of a month (or a range of months) of a plan.
type Theme struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint `gorm:"not null;index"`
	FirstMonth  int  `gorm:"not null"`
	LastMonth   int  `gorm:"not null"`
	TitleVI     string
	TitleEN     string
	Description string
	Source      string
}

// Agency is a ministry (bộ, ngành) or a province (địa phương).
type Agency struct {
	ID          uint   `gorm:"primaryKey"`
	Code        string `gorm:"not null;uniqueIndex"`
	Name        string `gorm:"not null"`
	NameEN      string
	Kind        AgencyKind `gorm:"not null;index"`
	Group       string     `gorm:"column:agency_group"`
	LeaderName  string
	LeaderEmail string
	Active      bool   `gorm:"not null"`
	SearchKey   string // Fold of code and names, kept by RefreshSearchKey
	SuccessorID *uint  // the agency it was merged into (nil: not merged)
	MergedOn    Day    `gorm:"type:varchar(10);not null;default:''"` // the day of the merger ("": not merged)
	Version     int    `gorm:"not null;default:1"`                   // raised by every change (versions.go)
}

// RefreshSearchKey keeps the search key in step with the names; the store
// calls it before every save.
func (a *Agency) RefreshSearchKey() {
	a.SearchKey = Fold(a.Code + " " + a.Name + " " + a.NameEN)
}

// User is a person who logs in.
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Email        string `gorm:"not null;uniqueIndex"`
	Name         string `gorm:"not null"`
	Role         Role   `gorm:"not null"`
	AgencyID     *uint  `gorm:"index"`
	Agency       *Agency
	Language     string `gorm:"not null"`
	Active       bool   `gorm:"not null"`
	PasswordHash string `gorm:"not null"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Target is a quantified goal (chỉ tiêu) of a plan.
type Target struct {
	ID          uint   `gorm:"primaryKey"`
	PlanID      uint   `gorm:"not null;index"`
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
	// ResponsibleAgencyID names the ministry that reports a national target's value.
	ResponsibleAgencyID *uint
	ResponsibleAgency   *Agency
}

// Directive is a task as issued, usually to many agencies.
type Directive struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint `gorm:"not null;index"`
	ThemeID     uint `gorm:"not null;index"`
	Theme       *Theme
	Pillar      string
	Title       string `gorm:"not null"`
	Description string
	Deliverable string
	DueOn       Day   `gorm:"type:varchar(10)"`
	TargetID    *uint `gorm:"index"`
	Target      *Target
	Source      string
	CreatedByID *uint
	CreatedAt   time.Time `gorm:"autoCreateTime:false"` // set from the clock the caller passes
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
	SearchKey   string    // Fold of title and description, kept by RefreshSearchKey
	Version     int       `gorm:"not null;default:1"` // raised by every change (versions.go)
}

// RefreshSearchKey keeps the search key in step with the text; the store
// calls it before every save.
func (d *Directive) RefreshSearchKey() {
	d.SearchKey = Fold(d.Title + " " + d.Description)
}

// Status is where an assignment stands in the workflow.
type Status string

// Assignment statuses.
const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusSubmitted  Status = "submitted"
	StatusDone       Status = "done"
	StatusCancelled  Status = "cancelled"
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusSubmitted, StatusDone, StatusCancelled}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Assignment is one agency's copy of a directive.
type Assignment struct {
	ID           uint `gorm:"primaryKey"`
	DirectiveID  uint `gorm:"not null;index"`
	Directive    *Directive
	AgencyID     uint `gorm:"not null"`
	Agency       *Agency
	OwnerName    string
	OwnerEmail   string
	Status       Status `gorm:"not null;index"`
	Progress     int    `gorm:"not null"`
	DueOn        Day    `gorm:"type:varchar(10);index"`                  // the deadline in force (moved by an approved extension)
	OriginalDue  Day    `gorm:"column:original_due_on;type:varchar(10)"` // the deadline before the committee first moved it
	CreatedDue   Day    `gorm:"column:created_due_on;type:varchar(10)"`  // the deadline it was given when created ("": none); history replays from it
	SubmittedOn  Day    `gorm:"type:varchar(10)"`
	CompletedOn  Day    `gorm:"type:varchar(10)"`
	EvidenceRef  string
	EvidenceDate Day `gorm:"type:varchar(10)"`
	EvidenceURL  string
	CreatedAt    time.Time `gorm:"autoCreateTime:false"` // set from the clock the caller passes
	UpdatedAt    time.Time `gorm:"autoUpdateTime:false"`
	Version      int       `gorm:"not null;default:1"` // raised by every change (versions.go)
}

// Update is an immutable history row for every change of an assignment.
type Update struct {
	ID           uint `gorm:"primaryKey"`
	AssignmentID uint `gorm:"not null;index"`
	UserID       *uint
	User         *User
	At           time.Time `gorm:"not null;index"`
	FromStatus   Status
	ToStatus     Status
	Progress     int
	Note         string
	OwnerName    string
	OwnerEmail   string
	EvidenceRef  string
	EvidenceDate Day `gorm:"type:varchar(10)"`
	EvidenceURL  string
	DueOn        Day   `gorm:"type:varchar(10)"` // the deadline in force after the change ("" in rows older than schema 3)
	Version      int   `gorm:"not null"`         // the assignment's version after the change (0 in rows older than versions)
	FileID       *uint // the evidence file attached or removed, in rows that did that
	File         *EvidenceFile
	FileEvent    FileEvent // "" in rows about no file
	FromAgencyID *uint     // the agency the assignment was moved from, in the row of a merger's move
}

// Token kinds.
const (
	TokenSession  = "session"
	TokenAPI      = "api"      // issued by POST /api/v1/auth/token for TokenTTL
	TokenPersonal = "personal" // made by its user, named, read or write, with or without an expiry
)

// Token is a login session or an API bearer token, stored as a SHA-256 hash.
type Token struct {
	ID         uint       `gorm:"primaryKey"`
	UserID     uint       `gorm:"not null;index"`
	Kind       string     `gorm:"not null"`
	Hash       string     `gorm:"not null;uniqueIndex"`
	Name       string     `gorm:"not null"` // a personal token's name ("" for the others)
	Scope      TokenScope `gorm:"not null"`
	ExpiresAt  time.Time  `gorm:"not null"` // NoExpiry for a personal token made without one
	LastUsedAt *time.Time // personal tokens only, kept to the minute (TokenUseInterval)
	CreatedAt  time.Time
}

// CalendarFeed is the secret address of a calendar of due dates: a
// person's (UserID) or an agency's (AgencyID). The secret is kept in clear,
// unlike tokens: the address is shown again on its owner's page and in the
// API, and it reads due dates only, never writes.
type CalendarFeed struct {
	ID        uint `gorm:"primaryKey"`
	UserID    *uint
	AgencyID  *uint
	Secret    string    `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null"`
}

// FeedEvent is one open assignment as a calendar feed shows it.
type FeedEvent struct {
	ID         uint
	DueOn      Day
	Title      string
	AgencyName string
	ThemeVI    string
	ThemeEN    string
}
