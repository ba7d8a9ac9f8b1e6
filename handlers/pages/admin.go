package pages

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// usersView is the data of the users page.
type usersView struct {
	Users          []models.User
	Roles          []models.Role
	Agencies       []agencyGroup
	MinPasswordLen int // the minlength of a new password
}

// ListUsers is the admin page: the users, a form to add one, and per user
// deactivate/activate and reset password.
func (h *Handler) ListUsers(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	p, err := h.usersPage(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "users", p)
}

// usersPage builds the users page, its form to add a user set to a focal
// point writing Vietnamese.
func (h *Handler) usersPage(c echo.Context) (*views.Page, error) {
	ctx := c.Request().Context()
	users, err := h.Store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	agencies, err := h.Store.ListAgencies(ctx, store.AgencyFilter{})
	if err != nil {
		return nil, err
	}
	p := h.Page(c, h.T(c, "users.title"), usersView{Users: users, Roles: models.Roles,
		Agencies: groupAgencies(agencies), MinPasswordLen: models.MinPasswordLen})
	p.Nav = "users"
	p.Values = url.Values{"role": {string(models.RoleFocal)}, "language": {views.LangVI}}
	return p, nil
}

// CreateUser adds a user from the form.
func (h *Handler) CreateUser(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	nu := newUserOf(form)
	nu.Password = form.Get("password")
	if _, err = h.Store.CreateUser(c.Request().Context(), nu); err != nil {
		return h.usersForm(c, err, form)
	}
	return h.RedirectFlash(c, "/admin/users", "flash.user_created")
}

// newUserOf reads the users page's new-user form (the password aside).
func newUserOf(form url.Values) models.NewUser {
	return models.NewUser{Email: form.Get("email"), Name: form.Get("name"), Role: models.Role(form.Get("role")),
		AgencyCode: form.Get("agency_code"), Language: form.Get("language")}
}

// usersForm shows the users page again after its form was refused, with
// what was typed but the password.
func (h *Handler) usersForm(c echo.Context, err error, form url.Values) error {
	p, perr := h.usersPage(c)
	if perr != nil {
		return perr
	}
	form.Del("password")
	return h.FormPage(c, err, "users", p, form)
}

// SetUserActive deactivates (active=0) or reactivates (active=1) a user.
// An administrator cannot deactivate their own account.
func (h *Handler) SetUserActive(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	active := form.Get("active") == "1"
	if !active && id == web.CurrentUser(c).ID {
		return models.Conflict("err.self_deactivate")
	}
	if err := h.Store.SetUserActive(c.Request().Context(), id, active); err != nil {
		return err
	}
	if active {
		return h.RedirectFlash(c, "/admin/users", "flash.user_activated")
	}
	return h.RedirectFlash(c, "/admin/users", "flash.user_deactivated")
}

// ResetPassword sets a new password for a user (their sessions end).
func (h *Handler) ResetPassword(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	err = h.Store.SetPassword(c.Request().Context(), id, form.Get("password"))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		p, perr := h.usersPage(c)
		if perr != nil {
			return perr
		}
		p.Alert = h.Msg(c, ve.Fields["password"])
		return h.Render(c, http.StatusUnprocessableEntity, "users", p)
	}
	if err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/users", "flash.password_reset")
}

// InviteUser creates an account from the users page's form without a
// password and e-mails the person a link to set one (the form's "invite"
// button); an e-mail whose account has no password yet is invited again.
func (h *Handler) InviteUser(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	_, created, err := h.Store.InviteUser(c.Request().Context(), newUserOf(form), h.Now(), h.Mail.RenderPasswordLink)
	if err != nil {
		return h.usersForm(c, err, form)
	}
	if !created {
		return h.RedirectFlash(c, "/admin/users", "flash.user_reinvited", linkHours)
	}
	return h.RedirectFlash(c, "/admin/users", "flash.user_invited", linkHours)
}

// ReinviteUser sends an account that has no password yet a new invitation;
// its older links stop working.
func (h *Handler) ReinviteUser(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	id, _, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.ReinviteUser(c.Request().Context(), id, h.Now(), h.Mail.RenderPasswordLink); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/users", "flash.user_reinvited", linkHours)
}
