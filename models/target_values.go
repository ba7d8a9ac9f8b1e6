package models

import "time"

// TargetValue is a reported value of a national target (chỉ tiêu), as of a
// date, with its source; the history of values is kept.
type TargetValue struct {
	ID          uint `gorm:"primaryKey"`
	TargetID    uint `gorm:"index"`
	Value       float64
	AsOf        Day `gorm:"type:varchar(10);index"`
	Source      string
	Note        string
	EnteredByID *uint
	EnteredBy   *User
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}
