package models

import (
	"time"
)

// OutboxMaxAttempts is how many times a message is tried before it is marked failed.
const OutboxMaxAttempts = 8

// OutboxBackoff is the wait after the n-th failed attempt: 1, 2, 4, ... minutes, at most an hour.
func OutboxBackoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
