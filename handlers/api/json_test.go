package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

type testOwner struct {
	Name  string          `json:"name"`
	Extra json.RawMessage `json:"extra"`
}

type TestBase struct {
	Code string `json:"code"`
}

// testBody has a field of each shape unknownField looks into.
type testBody struct {
	TestBase
	Title  string               `json:"title"`
	Owner  *testOwner           `json:"owner"`
	Items  []testOwner          `json:"items"`
	ByCode map[string]testOwner `json:"by_code"`
	Any    any                  `json:"any"`
	Hidden string               `json:"-"`
	Plain  int
	//lint:ignore U1000 an unexported field: a key of that name is unknown to encoding/json
	secret string
}

func TestUnknownField(t *testing.T) {
	cases := []struct{ body, want string }{
		{`{"title": "x", "code": "BTTTT", "Plain": 1}`, ""},
		{`{"TITLE": "x", "plain": 1}`, ""}, // encoding/json ignores case
		{`{"any": {"whatever": [1]}, "owner": {"extra": {"anything": 1}}}`, ""},
		{`{"owner": "not an object", "items": {"nmae": 1}}`, ""}, // a type error, for decoding to report
		{`{"owner": null, "items": null, "by_code": null}`, ""},
		{`{"titel": "x"}`, "titel"},
		{`{"zz": 1, "aa": 2}`, "zz"},
		{`{"Hidden": "x"}`, "Hidden"},
		{`{"secret": "x"}`, "secret"},
		{`{"owner": {"name": "An", "nmae": "An"}}`, "owner.nmae"},
		{`{"items": [{"name": "a"}, {"nmae": "b"}]}`, "items[1].nmae"},
		{`{"by_code": {"BTTTT": {"nmae": "b"}}}`, "by_code.BTTTT.nmae"},
		{`{"title": "x", "owner": {"tên": "Lê An"}, "bad": 2}`, "owner.tên"},
	}
	for _, c := range cases {
		got, found := unknownField(json.RawMessage(c.body), reflect.TypeFor[*testBody](), "")
		if got != c.want || found != (c.want != "") {
			t.Errorf("%s: %q %v, want %q", c.body, got, found, c.want)
		}
	}
}

func TestBindJSONNamesANestedUnknownField(t *testing.T) {
	bind := func(body string) (testBody, error) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		var in testBody
		err := bindJSON(echo.New().NewContext(req, httptest.NewRecorder()), &in)
		return in, err
	}
	in, err := bind(`{"title": "Kế hoạch", "items": [{"name": "Lê An"}]}`)
	if err != nil || in.Title != "Kế hoạch" || len(in.Items) != 1 || in.Items[0].Name != "Lê An" {
		t.Fatalf("a good body: %+v, %v", in, err)
	}
	_, err = bind(`{"title": "Kế hoạch", "items": [{"name": "Lê An"}, {"nmae": "Trần Bình"}]}`)
	var he *echo.HTTPError
	if !errors.As(err, &he) || he.Code != http.StatusBadRequest {
		t.Fatalf("a misspelt nested field: %v, want a 400", err)
	}
	msg, ok := he.Message.(models.Msg)
	if !ok || msg.ID != "err.json_unknown_field" || msg.Data["Field"] != `"items[1].nmae"` {
		t.Fatalf("message %v, want err.json_unknown_field naming \"items[1].nmae\"", he.Message)
	}
}
