package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// apiError is the JSON shape of every API error.
type apiError struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
}

func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}

// HandleError is Echo's central error handler: sentinel errors become
// 404/403/409, validation errors 422 with field messages, anything unknown a
// logged 500 that shows no internals. API requests get JSON, pages a page.
func (h *Handler) HandleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := h.StatusOf(c, err)
	if code >= http.StatusInternalServerError {
		h.Log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if isAPI(c) {
		_ = c.JSON(code, apiError{Error: msg, Fields: h.FieldsOf(c, err)})
		return
	}
	if code == http.StatusUnauthorized {
		_ = c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(code)
		return
	}
	if rerr := h.RenderError(c, code, msg); rerr != nil {
		h.Log.Error("render error page", "err", rerr)
		_ = c.String(code, msg)
	}
}
