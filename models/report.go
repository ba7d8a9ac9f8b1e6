package models

import (
	"strconv"
	"time"
)

// MonthlyReport is a theme's monthly stocktake (báo cáo tháng) at the end of
// a day: the four timeliness counts split by ministries and provinces over
// all the theme's directives, each directive's scoreboard, the agencies
// behind, the plan's targets and the open explanation requests.
type MonthlyReport struct {
	Plan        *Plan
	Theme       *Theme
	AsOf        Day
	Ministries  KindScore // summed over the theme's directives
	Provinces   KindScore
	Scoreboards []Scoreboard
	// Laggards are the agencies with open overdue work in the theme, as the
	// theme's league ranks them (worst last).
	Laggards     []LeagueRow
	Targets      []TargetProgress
	Explanations []ExplanationRequest // open, on the theme's assignments, oldest first
	// MoreExplanations counts the open requests past those listed.
	MoreExplanations int64
}

// Sum adds each directive's counts of a kind into the report's totals.
func (r *MonthlyReport) Sum() {
	r.Ministries, r.Provinces = KindScore{Kind: KindMinistry}, KindScore{Kind: KindProvince}
	for _, sb := range r.Scoreboards {
		r.Ministries.add(sb.Ministries)
		r.Provinces.add(sb.Provinces)
	}
}

// All is the scoreboard's counts of both kinds together.
func (sb Scoreboard) All() KindScore {
	k := KindScore{}
	k.add(sb.Ministries)
	k.add(sb.Provinces)
	return k
}

func (k *KindScore) add(o KindScore) {
	k.Done += o.Done
	k.Total += o.Total
	k.DoneOnTime += o.DoneOnTime
	k.DoneLate += o.DoneLate
	k.OpenOnTrack += o.OpenOnTrack
	k.OpenOverdue += o.OpenOverdue
}

// MeetingPack is a monthly report frozen for a committee meeting: its
// figures rendered once and stored, so that it reads the same later even if
// history is corrected. Its number counts the packs of the meeting's year
// ("Tài liệu họp số 3/2023").
type MeetingPack struct {
	ID        uint `gorm:"primaryKey"`
	PlanID    uint
	ThemeID   uint
	Year      int
	Number    int
	MeetingOn Day `gorm:"type:varchar(10)"` // the meeting's day, the report's as-of date
	Title     string
	Body      string // the rendered report (HTML), frozen
	CreatedBy uint
	CreatedAt time.Time
}

// Code is the pack's number as it is cited: "3/2023".
func (p *MeetingPack) Code() string { return strconv.Itoa(p.Number) + "/" + strconv.Itoa(p.Year) }
