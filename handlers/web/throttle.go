package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"roviec/models"
)

// LoginLimits are the two token buckets every login attempt draws from: one
// per account (whatever the address) and one per client address (whatever
// the account). A bucket holds Burst attempts and refills one every Every.
type LoginLimits struct {
	AccountBurst int
	AccountEvery time.Duration
	AddressBurst int
	AddressEvery time.Duration
}

// DefaultLoginLimits: 10 attempts at once on an account, then one every 10
// s; 20 failed attempts from one address, then one every 20 s. An account
// refills faster than one address may spend, so a guesser at a single
// address cannot keep the real owner out: after their burst the owner finds
// an attempt free within 10 s.
func DefaultLoginLimits() LoginLimits {
	return LoginLimits{AccountBurst: 10, AccountEvery: 10 * time.Second,
		AddressBurst: 20, AddressEvery: 20 * time.Second}
}

// maxThrottleKeys is how many buckets a map holds before full (idle) ones
// are swept, so that guessing many e-mails cannot grow memory without bound.
const maxThrottleKeys = 10000

// LoginThrottle counts login attempts in memory, per instance: with several
// instances on one database each throttles on its own.
type LoginThrottle struct {
	mu        sync.Mutex
	limits    LoginLimits
	accounts  map[string]*rate.Limiter
	addresses map[string]*rate.Limiter
}

// NewLoginThrottle makes an empty throttle with these limits.
func NewLoginThrottle(l LoginLimits) *LoginThrottle {
	return &LoginThrottle{limits: l, accounts: map[string]*rate.Limiter{}, addresses: map[string]*rate.Limiter{}}
}

// LoginAttempt is an attempt that has taken one token from each bucket.
type LoginAttempt struct {
	t       *LoginThrottle
	account string
	address *rate.Reservation
}

// Begin takes a token for an attempt on account from address at now, or
// says how long to wait (nothing taken) when either bucket is empty.
func (t *LoginThrottle) Begin(account, address string, now time.Time) (*LoginAttempt, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	acc := bucket(t.accounts, account, t.limits.AccountEvery, t.limits.AccountBurst, now)
	addr := bucket(t.addresses, address, t.limits.AddressEvery, t.limits.AddressBurst, now)
	ra, rb := acc.ReserveN(now, 1), addr.ReserveN(now, 1)
	if wait := max(ra.DelayFrom(now), rb.DelayFrom(now)); wait > 0 {
		// A refused attempt costs nothing, so hammering does not push the
		// wait further out.
		ra.CancelAt(now)
		rb.CancelAt(now)
		return nil, wait
	}
	return &LoginAttempt{t: t, account: account, address: rb}, 0
}

// Succeeded gives the address its token back (an office behind one address
// logs in all morning) and forgets the account's failures.
func (a *LoginAttempt) Succeeded(now time.Time) {
	a.t.mu.Lock()
	defer a.t.mu.Unlock()
	a.address.CancelAt(now)
	delete(a.t.accounts, a.account)
}

// bucket finds or makes the limiter of key, first sweeping full limiters
// (the same as new ones) out of a map grown too large.
func bucket(m map[string]*rate.Limiter, key string, every time.Duration, burst int, now time.Time) *rate.Limiter {
	if lim, ok := m[key]; ok {
		return lim
	}
	if len(m) >= maxThrottleKeys {
		for k, lim := range m {
			if lim.TokensAt(now) >= float64(lim.Burst()) {
				delete(m, k)
			}
		}
	}
	lim := rate.NewLimiter(rate.Every(every), burst)
	m[key] = lim
	return lim
}

// BeginLogin throttles a login attempt on the e-mail from the request's
// address: a 429 with Retry-After (whole seconds) when it must wait.
func (h *Handler) BeginLogin(c echo.Context, email string) (*LoginAttempt, error) {
	attempt, wait := h.Logins.Begin(models.NormaliseEmail(email), c.RealIP(), h.Now())
	if attempt == nil {
		secs := int(math.Ceil(wait.Seconds()))
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
		return nil, HTTPError(http.StatusTooManyRequests, "err.login_throttled", "N", secs)
	}
	return attempt, nil
}

// DefaultResetLimits: 3 forgotten-password requests at once for one
// e-mail, then one every 20 minutes (at most a few messages an hour reach
// anyone's inbox, whoever asks); 10 at once from one address, then one
// every 3 minutes (one address cannot walk through a list of e-mails).
func DefaultResetLimits() LoginLimits {
	return LoginLimits{AccountBurst: 3, AccountEvery: 20 * time.Minute,
		AddressBurst: 10, AddressEvery: 3 * time.Minute}
}

// BeginReset throttles a forgotten-password request for the e-mail from
// the request's address: a 429 with Retry-After (whole seconds; the message
// says whole minutes) when it must wait. Every request counts, registered
// address or not, so the throttle tells nothing about accounts either.
func (h *Handler) BeginReset(c echo.Context, email string) error {
	if attempt, wait := h.Resets.Begin(models.NormaliseEmail(email), c.RealIP(), h.Now()); attempt == nil {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		return HTTPError(http.StatusTooManyRequests, "err.reset_throttled", "N", int(math.Ceil(wait.Minutes())))
	}
	return nil
}
