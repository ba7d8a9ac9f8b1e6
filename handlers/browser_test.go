package handlers_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/proto"
)

// The browser tests drive Debian's chromium, headless, through go-rod. They
// never download a browser: without /usr/bin/chromium they skip locally and
// fail in CI (where .ci/run installs it and sets CI). One chromium serves the
// whole test run; each test gets its own incognito contexts (cookie jars).

// chromiumBin is the browser the tests drive.
const chromiumBin = "/usr/bin/chromium"

// screenshotDir is where every page a browser test visits is saved, at the
// repository root (git-ignored).
const screenshotDir = "../artifacts/screenshots"

// sharedChromium is the one headless chromium of a test run, started by
// the first browser test and stopped by TestMain.
type sharedChromium struct {
	once     sync.Once
	launcher *launcher.Launcher
	browser  *rod.Browser
	dataDir  string
	err      error
}

var chromium sharedChromium

func TestMain(m *testing.M) {
	code := m.Run()
	chromium.stop()
	os.Exit(code)
}

// start launches chromium once; later calls return the same browser. It
// also clears the screenshots of an earlier run.
func (s *sharedChromium) start() (*rod.Browser, error) {
	s.once.Do(func() {
		if s.err = os.RemoveAll(screenshotDir); s.err != nil {
			return
		}
		if s.dataDir, s.err = os.MkdirTemp("", "roviec-chromium-"); s.err != nil {
			return
		}
		s.launcher = launcher.New().Bin(chromiumBin).Headless(true).NoSandbox(true).
			UserDataDir(s.dataDir).Set("disable-gpu").Set("disable-quic").Set("no-first-run").
			Set("disable-background-networking").Set("disable-component-update").Set("disable-sync")
		var u string
		if u, s.err = s.launcher.Launch(); s.err != nil {
			return
		}
		b := rod.New().ControlURL(u)
		if s.err = b.Connect(); s.err == nil {
			s.browser = b
		}
	})
	return s.browser, s.err
}

// stop closes the browser, if one was started, and removes its profile.
func (s *sharedChromium) stop() {
	if s.browser != nil {
		_ = s.browser.Close()
	}
	if s.launcher != nil {
		s.launcher.Kill()
	}
	if s.dataDir != "" {
		_ = os.RemoveAll(s.dataDir)
	}
}

// needChromium returns the shared browser. A missing chromium fails the
// test in CI and skips it elsewhere, saying why either way.
func needChromium(t *testing.T) *rod.Browser {
	t.Helper()
	if _, err := os.Stat(chromiumBin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed: .ci/run must apt-get install chromium (" + chromiumBin + " missing)")
		}
		t.Skip("chromium not installed (" + chromiumBin + " missing): browser test skipped; CI installs it and fails instead")
	}
	b, err := chromium.start()
	if err != nil {
		t.Fatalf("start %s: %v", chromiumBin, err)
	}
	return b
}

// site is the real application served over HTTP for a browser test.
type site struct {
	*env
	base string
}

// newSite starts the app of newEnv on a local HTTP server, once it knows
// there is a browser to show it in.
func newSite(t *testing.T) *site {
	t.Helper()
	needChromium(t)
	return serve(t, newEnv(t))
}

// serve starts the app of e on a local HTTP server; set e's options before.
func serve(t *testing.T, e *env) *site {
	t.Helper()
	srv := httptest.NewServer(e.app.Echo)
	t.Cleanup(srv.Close)
	return &site{env: e, base: srv.URL}
}

// tab is one browser tab with its own cookies, sized like a device.
type tab struct {
	t    *testing.T
	s    *site
	page *rod.Page
	name string // for screenshot file names
	step int
}

// open opens a tab of a fresh incognito context at width x height CSS pixels.
func (s *site) open(t *testing.T, name string, width, height int) *tab {
	t.Helper()
	b := needChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	incognito, err := b.Incognito()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = incognito.Close() })
	p, err := incognito.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: width, Height: height,
		DeviceScaleFactor: 1, Mobile: width < 700}); err != nil {
		t.Fatal(err)
	}
	watchPolicy(t, p)
	return &tab{t: t, s: s, page: p.Context(ctx), name: name}
}

// visit loads path and waits until the page and its scripts are loaded.
func (tb *tab) visit(path string) {
	tb.t.Helper()
	if err := tb.page.Navigate(tb.s.base + path); err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	tb.waitLoad(path)
}

// waitLoad waits for the page to load and htmx to be ready.
func (tb *tab) waitLoad(what string) {
	tb.t.Helper()
	if err := tb.page.WaitLoad(); err != nil {
		tb.t.Fatalf("load %s: %v", what, err)
	}
	if _, err := tb.page.Eval(`() => new Promise(ok => { const go = () => window.htmx ? ok() : setTimeout(go, 10); go() })`); err != nil {
		tb.t.Fatalf("htmx on %s: %v", what, err)
	}
}

// submitAndWait clicks the element and waits for the page it loads.
func (tb *tab) submitAndWait(selector string) {
	tb.t.Helper()
	wait := tb.page.WaitNavigation(proto.PageLifecycleEventNameLoad)
	tb.click(selector)
	wait()
	tb.waitLoad("after " + selector)
}

// maxShotHeight caps a screenshot's height in CSS pixels: a theme board can
// be thousands of pixels tall, and its top tells the story.
const maxShotHeight = 2400

// shot saves a screenshot of the page (from the top, at most maxShotHeight
// tall) as artifacts/screenshots/<tab>-<n>-<step>.png.
func (tb *tab) shot(step string) { tb.shotOf(step, "html") }

// shotOf saves a screenshot of the element selector (at most maxShotHeight
// tall), wherever it is on the page.
func (tb *tab) shotOf(step, selector string) {
	tb.t.Helper()
	tb.step++
	step = regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(step, "_")
	tb.saveShot(fmt.Sprintf("%s-%02d-%s.png", tb.name, tb.step, step), selector, maxShotHeight)
}

// saveShot writes a PNG of the element selector ("html": the whole page),
// at most maxHeight CSS pixels tall, as artifacts/screenshots/<name>.
func (tb *tab) saveShot(name, selector string, maxHeight float64) {
	tb.t.Helper()
	box := tb.eval(`sel => {
		const r = document.querySelector(sel).getBoundingClientRect();
		const wide = sel === 'html' ? document.documentElement.scrollWidth : r.width;
		const tall = sel === 'html' ? document.documentElement.scrollHeight : r.height;
		return {x: r.left + scrollX, y: r.top + scrollY, w: Math.max(wide, 1), h: Math.max(tall, 1)};
	}`, selector).Value
	clip := &proto.PageViewport{X: box.Get("x").Num(), Y: box.Get("y").Num(), Width: box.Get("w").Num(),
		Height: min(box.Get("h").Num(), maxHeight), Scale: 1}
	png, err := tb.page.Screenshot(false, &proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng,
		Clip: clip, CaptureBeyondViewport: true})
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, name), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}
