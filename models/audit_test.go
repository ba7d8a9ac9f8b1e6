package models_test

import (
	"testing"

	"roviec/models"
)

// TestAuditDiff keeps the changed fields only, never secrets nor related
// records, and every non-empty field of a record created or deleted.
func TestAuditDiff(t *testing.T) {
	agency := uint(7)
	u := models.User{ID: 1, Email: "an@test.vn", Role: models.RoleFocal, AgencyID: &agency,
		Agency: &models.Agency{ID: 7, Name: "Hà Nội"}, Active: true, PasswordHash: "$2a$10$secret"}
	changed := u
	changed.Active, changed.PasswordHash, changed.Agency = false, "$2a$10$other", nil
	tests := []struct {
		name          string
		before, after any
		wantB, wantA  string
	}{
		{"update", u, changed, `{"Active":true}`, `{"Active":false}`},
		{"nothing changed", u, u, `{}`, `{}`},
		{"create", nil, models.User{ID: 2, Email: "b@test.vn", PasswordHash: "x"}, ``,
			`{"Active":false,"CreatedAt":"0001-01-01T00:00:00Z","Email":"b@test.vn","ID":2,"Language":"","Name":"","Role":""}`},
		{"delete", map[string]any{"Day": "2023-09-04", "Note": nil}, nil, `{"Day":"2023-09-04"}`, ``},
	}
	for _, tc := range tests {
		b, a, err := models.AuditDiff(tc.before, tc.after)
		if err != nil || b != tc.wantB || a != tc.wantA {
			t.Errorf("%s: %s | %s, %v; want %s | %s", tc.name, b, a, err, tc.wantB, tc.wantA)
		}
	}
}
