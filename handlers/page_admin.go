package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// usersView is the data of the users page.
type usersView struct {
	Users    []models.User
	Roles    []string
	Agencies []agencyGroup
}

// listUsers is the admin page: the users, a form to add one, and per user
// deactivate/activate and reset password.
func (h *Handler) listUsers(c echo.Context) error {
	if err := authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	p, err := h.usersPage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, "users", p)
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
	p := h.page(c, h.t(c, "users.title"), usersView{Users: users, Roles: models.Roles, Agencies: groupAgencies(agencies)})
	p.Nav = "users"
	p.Values = url.Values{"role": {models.RoleFocal}, "language": {views.LangVI}}
	return p, nil
}

// createUser adds a user from the form.
func (h *Handler) createUser(c echo.Context) error {
	if err := authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	form, err := formParams(c)
	if err != nil {
		return err
	}
	_, err = h.Store.CreateUser(c.Request().Context(), models.NewUser{Email: form.Get("email"), Name: form.Get("name"),
		Role: form.Get("role"), AgencyCode: form.Get("agency_code"), Language: form.Get("language"),
		Password: form.Get("password")})
	if err != nil {
		p, perr := h.usersPage(c)
		if perr != nil {
			return perr
		}
		form.Del("password")
		return h.formPage(c, err, "users", p, form)
	}
	return h.redirectFlash(c, "/admin/users", "flash.user_created")
}

// setUserActive deactivates (active=0) or reactivates (active=1) a user.
// An administrator cannot deactivate their own account.
func (h *Handler) setUserActive(c echo.Context) error {
	if err := authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	id, form, err := idAndForm(c)
	if err != nil {
		return err
	}
	active := form.Get("active") == "1"
	if !active && id == currentUser(c).ID {
		return models.Conflict("err.self_deactivate")
	}
	if err := h.Store.SetUserActive(c.Request().Context(), id, active); err != nil {
		return err
	}
	if active {
		return h.redirectFlash(c, "/admin/users", "flash.user_activated")
	}
	return h.redirectFlash(c, "/admin/users", "flash.user_deactivated")
}

// resetPassword sets a new password for a user (their sessions end).
func (h *Handler) resetPassword(c echo.Context) error {
	if err := authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	id, form, err := idAndForm(c)
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
		p.Alert = h.msg(c, ve.Fields["password"])
		return h.render(c, http.StatusUnprocessableEntity, "users", p)
	}
	if err != nil {
		return err
	}
	return h.redirectFlash(c, "/admin/users", "flash.password_reset")
}
