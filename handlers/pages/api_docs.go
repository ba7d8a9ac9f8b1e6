package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/apidoc"
)

// apiDocsView is the API's description grouped by tag, in table order.
type apiDocsView struct {
	Prefix string
	Groups []apiDocsGroup
}

type apiDocsGroup struct {
	Tag        string
	Operations []apidoc.Operation
}

// ShowAPIDocs is the readable page of the API's description, drawn on the
// server from the same table as /api/v1/openapi.json (no script: the CSP
// allows none from elsewhere). Open to anyone, as the description is.
func (h *Handler) ShowAPIDocs(c echo.Context) error {
	v := apiDocsView{Prefix: h.Opt.BaseURL + apidoc.Prefix}
	index := map[string]int{}
	for _, op := range apidoc.Operations() {
		i, ok := index[op.Tag]
		if !ok {
			i = len(v.Groups)
			index[op.Tag] = i
			v.Groups = append(v.Groups, apiDocsGroup{Tag: op.Tag})
		}
		v.Groups[i].Operations = append(v.Groups[i].Operations, op)
	}
	return h.Render(c, http.StatusOK, "api_docs", h.Page(c, h.T(c, "apidocs.title"), v))
}
