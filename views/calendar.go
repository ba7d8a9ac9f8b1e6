package views

import (
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"roviec/models"
)

// CalendarFeed is what an iCalendar feed of due dates shows.
type CalendarFeed struct {
	Name    string // the calendar's name in the subscriber's list
	Lang    string
	BaseURL string // each event links to its assignment under it
	Now     time.Time
	Events  []models.FeedEvent
}

// feedRefresh asks calendar apps to fetch the feed again every few hours
// (many ignore it and use their own interval).
const feedRefresh = "PT4H"

// WriteCalendar writes the feed as iCalendar (RFC 5545): each open
// assignment an all-day event on its deadline in force, with its agency,
// theme and a link, and an alarm at 09:00 the day before. An event's UID
// is the assignment's, so a moved deadline moves the event in place.
func (r *Renderer) WriteCalendar(w io.Writer, f CalendarFeed) error {
	cal := ics.NewCalendarFor("Rõ Việc")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(f.Name)
	cal.SetRefreshInterval(feedRefresh)
	for _, e := range f.Events {
		theme := e.ThemeVI
		if f.Lang == LangEN && e.ThemeEN != "" {
			theme = e.ThemeEN
		}
		link := fmt.Sprintf("%s/assignments/%d", f.BaseURL, e.ID)
		ev := cal.AddEvent(fmt.Sprintf("assignment-%d@roviec", e.ID))
		ev.SetDtStampTime(f.Now)
		ev.SetAllDayStartAt(e.DueOn.Time())
		ev.SetAllDayEndAt(e.DueOn.AddDays(1).Time())
		ev.SetSummary(r.T(f.Lang, "calendar.summary", "Title", e.Title))
		ev.SetDescription(r.T(f.Lang, "calendar.description", "Name", e.AgencyName, "Theme", theme, "URL", link))
		ev.SetURL(link)
		ev.SetProperty(ics.ComponentPropertyCategories, theme)
		alarm := ev.AddAlarm()
		alarm.SetAction(ics.ActionDisplay)
		alarm.SetTrigger("-PT15H") // the event starts at midnight: 09:00 the day before
		alarm.SetProperty(ics.ComponentPropertyDescription, r.T(f.Lang, "calendar.alarm", "Title", e.Title))
	}
	return cal.SerializeTo(w)
}
