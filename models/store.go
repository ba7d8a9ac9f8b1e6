package models

import (
	"context"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// Store holds the database and the settings the rules need. Every rule that
// depends on the current moment takes it as a parameter.
type Store struct {
	db  *gorm.DB
	loc *time.Location
	// PasswordCost is the bcrypt cost for new password hashes.
	PasswordCost int
}

// NewStore wraps an open, migrated database. loc is the time zone in which
// dates and deadlines are read.
func NewStore(db *gorm.DB, loc *time.Location) *Store {
	return &Store{db: db, loc: loc, PasswordCost: bcrypt.DefaultCost}
}

// DB exposes the database for the composition root (health checks, tests).
func (s *Store) DB() *gorm.DB { return s.db }

// Location is the time zone of deadlines and dates.
func (s *Store) Location() *time.Location { return s.loc }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// Page is a window of a paginated list.
type Page struct {
	Page    int
	PerPage int
}

// normalise clamps the page to 1.. and per-page to 1..max (default def).
func (p Page) normalise(def, max int) Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = def
	}
	if p.PerPage > max {
		p.PerPage = max
	}
	return p
}

func (p Page) offset() int { return (p.Page - 1) * p.PerPage }
