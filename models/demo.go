package models

import (
	"context"
	"time"
)

// DemoCredential is a demo account's login, printed once when it is created.
type DemoCredential struct {
	Email, Role, Password string
}

// SeedDemo is filled in by the demo work.
func (s *Store) SeedDemo(ctx context.Context, loc *time.Location) ([]DemoCredential, error) {
	return nil, nil
}
