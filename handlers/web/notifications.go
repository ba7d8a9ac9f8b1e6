package web

import "strconv"

// NotificationLink is where a notification leads: its assignment's update
// form (the login page sends back to it when needed).
func NotificationLink(assignmentID uint) string {
	return "/assignments/" + strconv.FormatUint(uint64(assignmentID), 10) + "#update"
}
