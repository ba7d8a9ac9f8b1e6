package notify

import (
	"regexp"

	"roviec/models"
	"strings"
	"time"
)

// EditWindow is how long after writing it a comment's author may edit it;
// then never, so that a discussion read by others does not change under them.
const EditWindow = 15 * time.Minute

// Comment is one message of an assignment's discussion between its agency
// and the committee.
type Comment struct {
	ID           uint         `gorm:"primaryKey"`
	AssignmentID uint         `gorm:"not null"`
	AuthorID     uint         `gorm:"not null"`
	Author       *models.User `gorm:"foreignKey:AuthorID"`
	Body         string       `gorm:"not null"`
	CreatedAt    time.Time    `gorm:"not null;autoCreateTime:false"`
	EditedAt     *time.Time
}

// Editable reports whether the comment's author may still edit it at now.
func (c Comment) Editable(userID uint, now time.Time) bool {
	return c.AuthorID == userID && now.Sub(c.CreatedAt) < EditWindow
}

// mention is "@" then an e-mail address, at the start or after a space or
// an opening bracket (so that "a@b.vn" in a sentence is not a mention).
var mention = regexp.MustCompile(`(?:^|[\s(\[])@([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})`)

// Mentions returns the e-mail addresses a comment names with "@", lower-cased,
// each once, in order. An address ending a sentence ("@a@b.vn.") drops the dot.
func Mentions(body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range mention.FindAllStringSubmatch(body, -1) {
		e := strings.ToLower(strings.TrimRight(m[1], "."))
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}
