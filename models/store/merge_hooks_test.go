package store_test

import (
	"strings"
	"testing"
	"time"

	"roviec/models"
)

// TestMergeTellsWebhooks merges Hà Giang (02) into Tuyên Quang (08): every
// open assignment moved or cancelled by the merger is an assignment.updated
// to the webhooks subscribed to it, as any other change of an assignment is,
// so that a receiver mirroring the assignments learns of their new agency.
func TestMergeTellsWebhooks(t *testing.T) {
	s := seededStore(t)
	var theme models.Theme
	must(t, s.DB().Order("id").First(&theme).Error)
	created := time.Date(2023, 3, 1, 9, 0, 0, 0, s.Location())
	_, _, err := s.CreateDirective(ctx, models.DirectiveInput{ThemeID: theme.ID, Title: "Việc riêng của Hà Giang",
		DueDate: "31/03/2023", AgencyCodes: []string{"02"}}, nil, created)
	must(t, err)
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	_, err = s.CreateWebhook(ctx, models.WebhookInput{URL: "https://hook.test.vn/", Secret: "bi-mat-du-dai-16",
		Events: []string{string(models.HookAssignmentUpdated)}, Active: true}, now)
	must(t, err)

	res, err := s.MergeAgencies(ctx, models.Merger{Into: "08", From: []string{"02"}}, nil, now)
	must(t, err)
	if res.Moved == 0 {
		t.Fatalf("nothing moved: %+v", res)
	}
	var payloads []string
	must(t, s.DB().Model(&models.WebhookDelivery{}).Where("event = ?", models.HookAssignmentUpdated).
		Order("id").Pluck("payload", &payloads).Error)
	if len(payloads) != res.Moved+res.Cancelled {
		t.Fatalf("%d assignment.updated deliveries, want %d (moved %d, cancelled %d)", len(payloads),
			res.Moved+res.Cancelled, res.Moved, res.Cancelled)
	}
	moved := 0
	for _, p := range payloads {
		if strings.Contains(p, `"agency_code":"08"`) {
			moved++
		}
	}
	if moved != res.Moved {
		t.Errorf("%d deliveries name Tuyên Quang, want the %d moved", moved, res.Moved)
	}
}
