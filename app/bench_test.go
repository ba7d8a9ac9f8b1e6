package app

import (
	"strings"
	"testing"
)

func TestCLILoadAndScaleRefuseBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"load", "--url", "http://127.0.0.1:1"}, "--email and --password are required"},
		{[]string{"load", "--url", "127.0.0.1:8080", "--email", "a@b.vn", "--password", "x"}, "--url"},
		{[]string{"load", "--email", "a@b.vn", "--password", "x", "--scenario", "both"}, `--scenario: "both"`},
		{[]string{"scale", "--sizes", "10000,5000"}, "no generator mapping for size 5000"},
	} {
		if code, _, errs := runCLI(t, nil, c.args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %s", c.args, code, errs)
		}
	}
}
