package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// passwordRequest is the body of POST /api/v1/account/password.
type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// ChangePassword changes the caller's own password (200): the current one
// must be right (throttled as logins are), the new one follow the rules.
// Every session and token of the caller ends, the one of this request too;
// the answer carries the new token to go on with.
func (h *Handler) ChangePassword(c echo.Context) error {
	var in passwordRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u := web.CurrentUser(c)
	attempt, err := h.BeginLogin(c, u.Email)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.Store.ChangePassword(ctx, u.ID, in.CurrentPassword, in.NewPassword); err != nil {
		return err
	}
	attempt.Succeeded(h.Now())
	plain, tok, err := h.Store.IssueToken(ctx, u.ID, models.TokenAPI, h.Now(), h.Opt.TokenTTL)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tokenJSON{Token: plain, ExpiresAt: h.timeJSON(tok.ExpiresAt)})
}
