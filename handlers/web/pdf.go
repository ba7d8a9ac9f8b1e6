package web

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoChromium is returned by a PDFPrinter that found no Chromium: pages
// then say so and offer the printable page instead.
var ErrNoChromium = errors.New("no chromium to print PDF with")

// PDFPrinter prints a page's HTML to PDF with headless Chromium, run as a
// child process on a temporary file: Chromium reads the page from disk, so
// it needs no login cookie and can reach nothing else of the application.
type PDFPrinter struct {
	Binary  string // the chromium executable; empty: none found
	Timeout time.Duration
}

// FindChromium is the browser to print with: the configured one (which must
// exist), else the first of chromium, chromium-browser and google-chrome on
// PATH; "" when there is none.
func FindChromium(configured string) string {
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	if configured != "" {
		names = []string{configured}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Available says whether PDFs can be printed at all.
func (p *PDFPrinter) Available() bool { return p != nil && p.Binary != "" }

// Print returns the PDF of a self-contained HTML page (styles inline, no
// resources fetched). Chromium gets a profile of its own per call, so that
// calls at once do not share a locked profile, and is killed at the timeout.
func (p *PDFPrinter) Print(ctx context.Context, html []byte) ([]byte, error) {
	if !p.Available() {
		return nil, ErrNoChromium
	}
	dir, err := os.MkdirTemp("", "roviec-pdf-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	page, out := filepath.Join(dir, "page.html"), filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.Binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--no-default-browser-check", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+page)
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("chromium gave no PDF within %s", p.Timeout)
		}
		return nil, fmt.Errorf("chromium: %w: %s", err, lastLine(msg))
	}
	return os.ReadFile(out)
}

// lastLine is the end of a child's output, enough to say why it failed.
func lastLine(b []byte) string {
	if len(b) > 300 {
		b = b[len(b)-300:]
	}
	return string(b)
}
