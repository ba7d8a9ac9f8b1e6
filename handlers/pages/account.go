package pages

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// passwordView is the data of the change-password page.
type passwordView struct {
	MinPasswordLen int
}

// ShowChangePassword is the form for changing one's own password.
func (h *Handler) ShowChangePassword(c echo.Context) error {
	return h.Render(c, http.StatusOK, "account_password", h.passwordPage(c))
}

func (h *Handler) passwordPage(c echo.Context) *views.Page {
	p := h.Page(c, h.T(c, "account.password_title"), passwordView{MinPasswordLen: models.MinPasswordLen})
	p.Nav = "account"
	return p
}

// ChangePassword changes the user's own password: the current one must be
// right (attempts are throttled as logins are), the new one follow the
// rules and be typed twice alike. Every session and token of the user ends
// and this browser goes on with a new session.
func (h *Handler) ChangePassword(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	u := web.CurrentUser(c)
	blank := url.Values{}
	if form.Get("new_password") != form.Get("new_password_confirm") {
		return h.FormPage(c, models.Invalid("new_password_confirm", "err.password_mismatch"), "account_password", h.passwordPage(c), blank)
	}
	attempt, err := h.BeginLogin(c, u.Email)
	if err != nil {
		p := h.passwordPage(c)
		code, msg := h.StatusOf(c, err)
		p.Alert = msg
		return h.Render(c, code, "account_password", p)
	}
	ctx := c.Request().Context()
	if err := h.Store.ChangePassword(ctx, u.ID, form.Get("current_password"), form.Get("new_password")); err != nil {
		return h.FormPage(c, err, "account_password", h.passwordPage(c), blank)
	}
	attempt.Succeeded(h.Now())
	plain, _, err := h.Store.IssueToken(ctx, u.ID, models.TokenSession, h.Now(), h.Opt.SessionTTL)
	if err != nil {
		return err
	}
	h.SetCookie(c, web.SessionCookie, plain, int(h.Opt.SessionTTL.Seconds()))
	return h.RedirectFlash(c, "/account/password", "flash.password_changed")
}
