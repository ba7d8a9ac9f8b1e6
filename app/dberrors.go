package app

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"roviec/metrics"
)

// countDatabaseErrors counts, after every statement GORM runs, the ones that
// failed for a reason worth an operator's attention: not a row that is not
// there, a key already taken or a foreign key missing (the application
// answers those with 404, 409 or 422 as designed), nor a request the client
// gave up on.
func countDatabaseErrors(db *gorm.DB, m *metrics.Metrics) error {
	count := func(tx *gorm.DB) {
		if err := tx.Error; err != nil && !expectedDatabaseError(err) {
			m.DatabaseError()
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("roviec:count_errors", count),
		cb.Query().After("gorm:query").Register("roviec:count_errors", count),
		cb.Update().After("gorm:update").Register("roviec:count_errors", count),
		cb.Delete().After("gorm:delete").Register("roviec:count_errors", count),
		cb.Row().After("gorm:row").Register("roviec:count_errors", count),
		cb.Raw().After("gorm:raw").Register("roviec:count_errors", count),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// expectedDatabaseError reports whether err is one the application expects
// and answers on its own.
func expectedDatabaseError(err error) bool {
	return errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, gorm.ErrDuplicatedKey) ||
		errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded)
}
