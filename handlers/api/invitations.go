package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// invitationRequest is the body of POST /api/v1/users/invitations: an
// account's fields but its password, which the person sets from the link.
type invitationRequest struct {
	Email      string      `json:"email"`
	Name       string      `json:"name"`
	Role       models.Role `json:"role"`
	AgencyCode string      `json:"agency_code"`
	Language   string      `json:"language"`
}

// invitationJSON is the answer: the account and when the link stops
// working (never the link itself, which only the e-mail carries).
type invitationJSON struct {
	User      userJSON `json:"user"`
	ExpiresAt string   `json:"expires_at"`
}

// InviteUser invites a person by e-mail (admins): 201 with a new account
// without a password, or 200 when the e-mail's account has no password yet
// and is invited again; 409 when it has one or is deactivated.
func (h *Handler) InviteUser(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	var in invitationRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	now := h.Now()
	u, created, err := h.Store.InviteUser(c.Request().Context(), models.NewUser{Email: in.Email, Name: in.Name,
		Role: in.Role, AgencyCode: in.AgencyCode, Language: in.Language}, now, h.Mail.RenderPasswordLink)
	if err != nil {
		return err
	}
	out := invitationJSON{User: userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Language: u.Language,
		Active: u.Active, CreatedAt: h.timeJSON(u.CreatedAt)}, ExpiresAt: h.timeJSON(now.Add(models.PasswordLinkTTL))}
	if u.AgencyID != nil {
		full, err := h.Store.UserByID(c.Request().Context(), u.ID)
		if err != nil {
			return err
		}
		out.User.AgencyCode = &full.Agency.Code
	}
	if !created {
		return c.JSON(http.StatusOK, out)
	}
	return c.JSON(http.StatusCreated, out)
}
