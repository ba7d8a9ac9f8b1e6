package handlers_test

import (
	"fmt"
	"testing"

	"github.com/go-rod/rod/lib/proto"

	"roviec/app"
)

// TestBrowserPrintPreview: under print media the report shows its title
// block and hides the menu, the print button and the forms; the header row
// of a table repeats on each page (table-header-group). Screenshots of the
// print preview of the report and of the urging letter.
func TestBrowserPrintPreview(t *testing.T) {
	needChromium(t)
	e, theme := reportEnv(t, func(*app.Config) {})
	s := serve(t, e)
	tb := s.open(t, "print", 794, 1123) // A4 at 96 dpi
	tb.login("coordinator")
	tb.visit(fmt.Sprintf("/themes/%d/report", theme))
	visible := func(sel string) bool {
		return tb.eval(`sel => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none' }`, sel).Value.Bool()
	}
	if visible(".print-head") || !visible(".print-button") {
		t.Fatal("on screen: the title block shows or the print button does not")
	}
	if err := (proto.EmulationSetEmulatedMedia{Media: "print"}).Call(tb.page); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]bool{".print-head": true, ".site-header": false, ".print-button": false,
		".pack-form": false, "form.filters": false, ".report": true} {
		if got := visible(sel); got != want {
			t.Errorf("print preview: %s shown %v, want %v", sel, got, want)
		}
	}
	if got := tb.eval(`() => getComputedStyle(document.querySelector('.report-directives thead')).display`).Value.Str(); got != "table-header-group" {
		t.Errorf("the tasks' header row prints as %q, not repeated on each page", got)
	}
	tb.expectText(".print-head", "Báo cáo tháng", "Số liệu đến hết ngày 12/04/2023", "In lúc 12/04/2023 09:00")
	tb.shot("report-print-preview")
	tb.visit(fmt.Sprintf("/themes/%d/urge-letter", theme))
	tb.expectText(".letter", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Kính gửi:")
	tb.shot("urge-letter-print-preview")
}
