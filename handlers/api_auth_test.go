package handlers_test

import (
	"testing"
	"time"
)

func TestAPIIssueToken(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name string
		body any
		want int
	}{
		{"good credentials", map[string]string{"email": "Focal.BTTTT@test.vn", "password": testPassword}, 201},
		{"wrong password", map[string]string{"email": "focal.btttt@test.vn", "password": "sai-mat-khau"}, 401},
		{"unknown e-mail", map[string]string{"email": "khong-co@test.vn", "password": testPassword}, 401},
		{"missing fields", map[string]string{}, 422},
		{"malformed JSON", `{"email":`, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do("POST", "/api/v1/auth/token", "", tc.body)
			expectStatus(t, rec, tc.want)
			if tc.want != 201 {
				var body apiErr
				decode(t, rec, &body)
				if body.Error == "" {
					t.Errorf("no error message in %s", rec.Body.String())
				}
				return
			}
			var out struct {
				Token     string `json:"token"`
				ExpiresAt string `json:"expires_at"`
			}
			decode(t, rec, &out)
			exp, err := time.Parse(time.RFC3339, out.ExpiresAt)
			if err != nil || !exp.Equal(e.clock.Now().Add(30*24*time.Hour)) {
				t.Errorf("expires_at %q (%v), want 30 days after now", out.ExpiresAt, err)
			}
			me := e.do("GET", "/api/v1/plans", out.Token, nil)
			expectStatus(t, me, 200)
		})
	}
}

func TestAPIBearerRequired(t *testing.T) {
	e := newEnv(t)
	expired := e.token("viewer")
	e.clock.Set(e.clock.Now().Add(2 * time.Hour)) // e.token lives one hour
	cases := []struct {
		name, header string
	}{
		{"no header", ""},
		{"not bearer", "Basic YWRtaW46YWRtaW4="},
		{"unknown token", "Bearer khong-phai-ma"},
		{"expired token", "Bearer " + expired},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.doAuth("GET", "/api/v1/assignments", tc.header)
			expectStatus(t, rec, 401)
			var body apiErr
			decode(t, rec, &body)
			if body.Error == "" {
				t.Errorf("no error message: %s", rec.Body.String())
			}
		})
	}
}
