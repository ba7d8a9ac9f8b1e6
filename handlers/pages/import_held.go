package pages

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// The uploaded files waiting for their confirmation are held in memory:
// the preview does not travel to the browser and back (it is not trusted),
// and the same bytes are validated again on confirm. A file is held for
// heldFor, and at most heldBytes are held in all (the oldest go first); a
// confirmation that finds its file gone (expired, or posted to another
// instance or after a restart) asks for the upload again.
const (
	heldFor   = 30 * time.Minute
	heldBytes = 64 << 20
)

// heldFile is an uploaded file waiting for its confirmation, kept for the
// user and the plan it was previewed for.
type heldFile struct {
	userID, planID uint
	name           string
	data           []byte
	until          time.Time
}

// HeldImports holds uploaded import files by a random key.
type HeldImports struct {
	mu    sync.Mutex
	files map[string]heldFile
	order []string // keys, oldest first
}

// NewHeldImports is an empty holder.
func NewHeldImports() *HeldImports { return &HeldImports{files: map[string]heldFile{}} }

// put holds f and returns its key (32 random hex digits).
func (h *HeldImports) put(f heldFile, now time.Time) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	key := hex.EncodeToString(b[:])
	f.until = now.Add(heldFor)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.files[key] = f
	h.order = append(h.order, key)
	h.drop(now)
	return key, nil
}

// take removes and returns the file held under key for the user and plan;
// false when there is none (or it expired).
func (h *HeldImports) take(key string, userID, planID uint, now time.Time) (heldFile, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.drop(now)
	f, ok := h.files[key]
	if !ok || f.userID != userID || f.planID != planID {
		return heldFile{}, false
	}
	delete(h.files, key)
	return f, true
}

// drop forgets expired files, then the oldest while more than heldBytes
// are held. h.mu is held.
func (h *HeldImports) drop(now time.Time) {
	total := 0
	for _, f := range h.files {
		total += len(f.data)
	}
	kept := h.order[:0]
	for _, key := range h.order {
		f, ok := h.files[key]
		switch {
		case !ok:
		case now.After(f.until) || total > heldBytes:
			total -= len(f.data)
			delete(h.files, key)
		default:
			kept = append(kept, key)
		}
	}
	h.order = kept
}
