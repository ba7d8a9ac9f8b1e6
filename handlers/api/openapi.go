package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/apidoc"
)

// OpenAPI serves the OpenAPI 3 description of /api/v1 (no token needed).
func (h *Handler) OpenAPI(c echo.Context) error {
	return c.JSON(http.StatusOK, apidoc.Document(h.Opt.BaseURL))
}
