package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// tokenRequest is the body of POST /api/v1/auth/token.
type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// tokenJSON is an issued API token; the plain token is shown only here.
type tokenJSON struct {
	Token     string `json:"token"`
	ExpiresAt string `json:"expires_at"`
}

// IssueToken exchanges an e-mail and password for a bearer token (201),
// or 401 without telling which of the two was wrong; 429 when attempts on
// the account or from the address come too fast.
func (h *Handler) IssueToken(c echo.Context) error {
	var in tokenRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v := &models.ValidationError{}
	if strings.TrimSpace(in.Email) == "" {
		v.Add("email", "err.email_required")
	}
	if in.Password == "" {
		v.Add("password", "err.password_required")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	attempt, err := h.BeginLogin(c, in.Email)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := h.Store.Authenticate(ctx, in.Email, in.Password)
	if errors.Is(err, models.ErrNotFound) {
		return web.HTTPError(http.StatusUnauthorized, "err.login_wrong")
	}
	if err != nil {
		return err
	}
	attempt.Succeeded(h.Now())
	plain, tok, err := h.Store.IssueToken(ctx, u.ID, models.TokenAPI, h.Now(), h.Opt.TokenTTL)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, tokenJSON{Token: plain, ExpiresAt: h.timeJSON(tok.ExpiresAt)})
}
