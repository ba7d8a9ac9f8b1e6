package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// userJSON is an account in the API; it never carries the password hash.
type userJSON struct {
	ID         uint        `json:"id"`
	Email      string      `json:"email"`
	Name       string      `json:"name"`
	Role       models.Role `json:"role"`
	AgencyCode *string     `json:"agency_code"`
	Language   string      `json:"language"`
	Active     bool        `json:"active"`
	CreatedAt  string      `json:"created_at"`
}

// userRequest is the body of POST /api/v1/users.
type userRequest struct {
	Email      string      `json:"email"`
	Name       string      `json:"name"`
	Role       models.Role `json:"role"`
	AgencyCode string      `json:"agency_code"`
	Password   string      `json:"password"`
	Language   string      `json:"language"`
}

// apiCreateUser creates an account (admins; 201). A taken e-mail is a 409.
func (h *Handler) CreateUser(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageUsers, 0); err != nil {
		return err
	}
	var in userRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := h.Store.CreateUser(c.Request().Context(), models.NewUser{Email: in.Email, Name: in.Name,
		Role: in.Role, AgencyCode: in.AgencyCode, Language: in.Language, Password: in.Password})
	if err != nil {
		return err
	}
	out := userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Language: u.Language,
		Active: u.Active, CreatedAt: h.timeJSON(u.CreatedAt)}
	if u.AgencyID != nil {
		out.AgencyCode = &in.AgencyCode
	}
	return c.JSON(http.StatusCreated, out)
}
