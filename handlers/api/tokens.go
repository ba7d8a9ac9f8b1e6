package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// personalTokenRequest is the body of POST /api/v1/me/tokens.
type personalTokenRequest struct {
	Name      string `json:"name"`
	Scope     string `json:"scope"`      // read or write
	ExpiresAt string `json:"expires_at"` // RFC 3339, a day (through its end), or "" / absent: none
}

// personalTokenJSON is a personal token as listed: never the token itself.
type personalTokenJSON struct {
	ID         uint    `json:"id"`
	Name       string  `json:"name"`
	Scope      string  `json:"scope"`
	CreatedAt  string  `json:"created_at"`
	ExpiresAt  *string `json:"expires_at"`   // null: never
	LastUsedAt *string `json:"last_used_at"` // null: never used; kept to the minute
	Expired    bool    `json:"expired"`
}

func (h *Handler) toPersonalTokenJSON(t *models.Token) personalTokenJSON {
	out := personalTokenJSON{ID: t.ID, Name: t.Name, Scope: string(t.Scope), CreatedAt: h.timeJSON(t.CreatedAt),
		Expired: !t.ExpiresAt.After(h.Now())}
	if !t.ExpiresAt.Equal(models.NoExpiry) {
		s := h.timeJSON(t.ExpiresAt)
		out.ExpiresAt = &s
	}
	if t.LastUsedAt != nil {
		s := h.timeJSON(*t.LastUsedAt)
		out.LastUsedAt = &s
	}
	return out
}

// CreatePersonalToken makes a personal API token for the caller (201
// {"id","token"}): the token is shown this once.
// A personal token may not make another: a leaked token that expires
// tomorrow must not become one that never does.
func (h *Handler) CreatePersonalToken(c echo.Context) error {
	if t := web.BearerToken(c); t != nil && t.Kind == models.TokenPersonal {
		return models.Forbidden("err.token_from_token")
	}
	var in personalTokenRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	expires, err := models.ParseTokenExpiry(in.ExpiresAt, h.Store.Location())
	if err != nil {
		return err
	}
	plain, tok, err := h.Store.CreatePersonalToken(c.Request().Context(), web.CurrentUser(c).ID,
		models.PersonalTokenInput{Name: in.Name, Scope: models.TokenScope(in.Scope), ExpiresAt: expires}, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": tok.ID, "token": plain})
}

// ListPersonalTokens lists the caller's personal tokens with their last use.
func (h *Handler) ListPersonalTokens(c echo.Context) error {
	list, err := h.Store.ListPersonalTokens(c.Request().Context(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, h.toPersonalTokenJSON))
}

// RevokePersonalToken deletes one of the caller's personal tokens (204);
// another person's is a 404.
func (h *Handler) RevokePersonalToken(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.RevokePersonalToken(c.Request().Context(), web.CurrentUser(c).ID, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
