package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// linkHours is how many hours a password link works, as the pages say it.
const linkHours = int(models.PasswordLinkTTL / time.Hour)

// forgotView is the data of the forgotten-password page.
type forgotView struct{ Hours int }

// ShowForgotPassword asks for the e-mail of the account to reset; anyone
// may open it, logged in or not.
func (h *Handler) ShowForgotPassword(c echo.Context) error {
	return h.Render(c, http.StatusOK, "password_forgot", h.forgotPage(c))
}

func (h *Handler) forgotPage(c echo.Context) *views.Page {
	noStore(c)
	return h.Page(c, h.T(c, "password.forgot_title"), forgotView{Hours: linkHours})
}

// ForgotPassword queues a reset link for the e-mail's account, if it has
// one, and answers the same either way: a redirect to this page with "if
// this address has an account, we have sent it a link". Requests are
// throttled by e-mail and by address (429 with Retry-After), whether the
// address has an account or not.
func (h *Handler) ForgotPassword(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	email := models.NormaliseEmail(form.Get("email"))
	keep := url.Values{"email": {form.Get("email")}}
	if !models.ValidEmail(email) {
		return h.FormPage(c, models.Invalid("email", "err.email_invalid"), "password_forgot", h.forgotPage(c), keep)
	}
	if err := h.BeginReset(c, email); err != nil {
		p := h.forgotPage(c)
		code, msg := h.StatusOf(c, err)
		p.Alert, p.Values = msg, keep
		return h.Render(c, code, "password_forgot", p)
	}
	if err := h.Store.RequestPasswordReset(c.Request().Context(), email, h.Now(), h.Mail.RenderPasswordLink); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/password/forgot", "flash.reset_sent", linkHours)
}

// setView is the data of the set-password page: the account and the link's
// token; or, when the link does not work (Problem, the page's alert says
// why), links to ask for a new one instead of the form.
type setView struct {
	Email          string
	Token          string
	Problem        bool
	MinPasswordLen int
}

// ShowSetPassword is where an invitation or a reset link leads: the form to
// set the account's password, or why the link no longer works.
func (h *Handler) ShowSetPassword(c echo.Context) error {
	token := c.QueryParam("token")
	u, _, err := h.Store.PasswordLinkUser(c.Request().Context(), token, h.Now())
	if err != nil {
		return h.linkProblem(c, err)
	}
	return h.Render(c, http.StatusOK, "password_set", h.setPage(c, u.Email, token))
}

func (h *Handler) setPage(c echo.Context, email, token string) *views.Page {
	noStore(c)
	// The token is in this page's address: no other site is told it.
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	return h.Page(c, h.T(c, "password.set_title"), setView{Email: email, Token: token, MinPasswordLen: models.MinPasswordLen})
}

// linkProblem shows the set-password page without its form, saying why the
// link does not work (404 or 410), or returns another error as it is.
func (h *Handler) linkProblem(c echo.Context, err error) error {
	code, msg, ok := h.LinkProblem(c, err)
	if !ok {
		return err
	}
	p := h.setPage(c, "", "")
	p.Data, p.Alert = setView{Problem: true}, msg
	return h.Render(c, code, "password_set", p)
}

// SetPassword sets the password of the link's account (typed twice alike,
// the rules of every password), uses the link up, ends every earlier
// session and token of the account and logs this browser in.
func (h *Handler) SetPassword(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	token := form.Get("token")
	u, _, err := h.Store.PasswordLinkUser(ctx, token, h.Now())
	if err != nil {
		return h.linkProblem(c, err)
	}
	if form.Get("password") != form.Get("password_confirm") {
		return h.FormPage(c, models.Invalid("password_confirm", "err.password_mismatch"), "password_set",
			h.setPage(c, u.Email, token), url.Values{})
	}
	set, err := h.Store.SetPasswordByLink(ctx, token, form.Get("password"), h.Now())
	if err != nil {
		if _, _, ok := h.LinkProblem(c, err); ok {
			return h.linkProblem(c, err)
		}
		return h.FormPage(c, err, "password_set", h.setPage(c, u.Email, token), url.Values{})
	}
	plain, _, err := h.Store.IssueToken(ctx, set.ID, models.TokenSession, h.Now(), h.Opt.SessionTTL)
	if err != nil {
		return err
	}
	h.SetCookie(c, web.SessionCookie, plain, int(h.Opt.SessionTTL.Seconds()))
	h.setLangCookie(c, set.Language)
	return h.RedirectFlash(c, "/", "flash.password_set")
}

// noStore keeps a page out of caches: it carries a one-time link or an
// account's e-mail.
func noStore(c echo.Context) { c.Response().Header().Set("Cache-Control", "no-store") }
