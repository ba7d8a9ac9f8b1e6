// Package views holds the html/template pages, partials and translations,
// embedded in the binary and parsed once at start-up.
package views

// Renderer renders pages. (Skeleton: the pages work fills this in.)
type Renderer struct{}

// New parses every template; it fails fast when one is missing or broken.
func New() (*Renderer, error) { return &Renderer{}, nil }
