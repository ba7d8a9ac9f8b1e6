package migrations

import (
	"testing"
	"time"

	"roviec/models/store/storetest"
)

// TestV18KeepsNotifications: a notification written before version 18
// keeps its note, with no event, and a new one holds its event and date.
func TestV18KeepsNotifications(t *testing.T) {
	db := storetest.Open(t)
	if _, err := Migrate(db, time.Now); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"DELETE FROM schema_migrations WHERE version = 18",
		"ALTER TABLE notifications DROP COLUMN event_day",
		"ALTER TABLE notifications DROP COLUMN event",
		"INSERT INTO notifications (user_id, kind, assignment_id, note, created_at, mail) " +
			"VALUES (1, 'extension_decided', 1, 'Gia hạn đến 30/06/2023: lý do', '2023-06-01 08:00:00', 'sent')",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatal(stmt, err)
		}
	}
	if applied, err := Migrate(db, time.Now); err != nil || len(applied) != 1 || applied[0] != 18 {
		t.Fatalf("migrate to 18: %v, %v", applied, err)
	}
	if err := db.Exec("INSERT INTO notifications (user_id, kind, assignment_id, note, created_at, mail, event, event_day) " +
		"VALUES (1, 'extension_decided', 1, '', '2023-06-02 08:00:00', 'sent', 'extension_approved', '2023-07-31')").Error; err != nil {
		t.Fatal(err)
	}
	type row struct{ Note, Event, EventDay string }
	var rows []row
	if err := db.Raw("SELECT note, event, COALESCE(event_day, '') AS event_day FROM notifications ORDER BY id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	want := []row{{"Gia hạn đến 30/06/2023: lý do", "", ""}, {"", "extension_approved", "2023-07-31"}}
	if len(rows) != 2 || rows[0] != want[0] || rows[1] != want[1] {
		t.Fatalf("notifications after version 18: %+v, want %+v", rows, want)
	}
}
