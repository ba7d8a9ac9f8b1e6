// Package static holds the stylesheet and the vendored JavaScript (htmx),
// embedded in the binary and served under /static/ with cache-busting URLs.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

// Files are the static assets: app.css, committee.css, charts.css and
// focus.js, datepicker.js and print.js (hand-written), htmx.min.js (htmx 2.0.11 from the npm package
// htmx.org) and its licence.
//
//go:embed app.css committee.css charts.css htmx.min.js htmx.LICENSE focus.js datepicker.js print.js
var Files embed.FS

// Versions returns a short content hash for every file, used as the ?v=
// parameter of its URL so that a changed file gets a new URL.
func Versions() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := Files.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[path] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return out, err
}
