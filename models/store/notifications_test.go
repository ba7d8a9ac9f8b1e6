package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/notify"
)

func plainNotifications(m notify.Mail) (models.RenderedMail, error) {
	return models.RenderedMail{Subject: fmt.Sprintf("%d", len(m.Items)), Text: m.Recipient.Email}, nil
}

// Two senders at once (two processes, or two goroutines of one) take each
// person's waiting notifications once: one message per person in all, every
// notification marked sent with it; an inactive focal point is told nothing.
func TestNotificationSendersAtOnceMailEachOnce(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 3, 1, 2, 0, 0, 0, time.UTC)
	for i := range 3 {
		_, _, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: fmt.Sprintf("Nhiệm vụ %d", i),
			DueDate: "2023-03-31", AgencyCodes: []string{"BTTTT", "01"}}, f.users["coordinator"], now)
		must(t, err)
	}
	var wg sync.WaitGroup
	counts := make([]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i], errs[i] = f.s.QueueNotificationMail(ctx, notify.Digest, now, plainNotifications)
		}()
	}
	wg.Wait()
	must(t, errs[0])
	must(t, errs[1])
	var out []models.OutboxMessage
	must(t, f.s.DB().Order("recipients").Find(&out).Error)
	if counts[0]+counts[1] != 2 || len(out) != 2 || out[0].Recipients != "focal2@test.vn" || out[0].Subject != "3" ||
		out[1].Recipients != "focal@test.vn" || out[1].Subject != "3" {
		t.Fatalf("queued %v; outbox %+v", counts, out)
	}
	var waiting int64
	must(t, f.s.DB().Model(&notify.Notification{}).Where("mail <> ?", notify.Sent).Count(&waiting).Error)
	if waiting != 0 {
		t.Errorf("%d notifications still wait", waiting)
	}
	var inactive int64
	must(t, f.s.DB().Model(&notify.Notification{}).Where("user_id = ?", f.users["inactive"].ID).Count(&inactive).Error)
	if inactive != 0 {
		t.Errorf("the inactive focal point got %d notifications", inactive)
	}
}

// A directive to 3,393 agencies with a focal point each writes its 3,393
// notifications in its own transaction (one INSERT ... SELECT), and one
// digest round makes one message per person.
func TestDirectiveToEveryAgencyNotifiesAtScale(t *testing.T) {
	f := newFixture(t)
	const n = 3393
	agencies := make([]models.Agency, 0, n)
	for i := range n - 2 { // the fixture has two
		agencies = append(agencies, models.Agency{Code: fmt.Sprintf("T%04d", i), Name: fmt.Sprintf("Tỉnh %d", i), Kind: models.KindProvince, Active: true})
	}
	must(t, f.s.DB().CreateInBatches(agencies, 500).Error)
	users := make([]models.User, 0, n)
	for i := range agencies {
		users = append(users, models.User{Email: fmt.Sprintf("f%04d@test.vn", i), Name: "Đầu mối", Role: models.RoleFocal,
			AgencyID: &agencies[i].ID, Language: "vi", Active: true})
	}
	must(t, f.s.DB().CreateInBatches(users, 500).Error)
	now := time.Date(2023, 3, 1, 2, 0, 0, 0, time.UTC)
	start := time.Now()
	_, list, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Rà soát dữ liệu",
		DueDate: "2023-03-31", AgencyKinds: []models.AgencyKind{models.KindMinistry, models.KindProvince}}, f.users["coordinator"], now)
	must(t, err)
	took := time.Since(start)
	var count int64
	must(t, f.s.DB().Model(&notify.Notification{}).Where("kind = ?", notify.Assigned).Count(&count).Error)
	// n-2 new focal points, and the fixture's two active ones (BTTTT's inactive one is not told).
	if len(list) != n || count != n {
		t.Fatalf("%d assignments, %d notifications; want %d each", len(list), count, n)
	}
	sent, err := f.s.QueueNotificationMail(ctx, notify.Digest, now, plainNotifications)
	must(t, err)
	if sent != n {
		t.Errorf("%d digest messages, want %d", sent, n)
	}
	t.Logf("directive to %d agencies with its notifications: %s", n, took)
}
