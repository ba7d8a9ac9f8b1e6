package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/notify"
)

// commentJSON is a comment of an assignment's discussion.
type commentJSON struct {
	ID           uint    `json:"id"`
	AssignmentID uint    `json:"assignment_id"`
	Author       string  `json:"author"`
	AuthorEmail  string  `json:"author_email"`
	Body         string  `json:"body"`
	CreatedAt    string  `json:"created_at"`
	EditedAt     *string `json:"edited_at"`
	EditableTill string  `json:"editable_until"` // by its author only
}

func (h *Handler) toCommentJSON(c *notify.Comment) commentJSON {
	out := commentJSON{ID: c.ID, AssignmentID: c.AssignmentID, Body: c.Body, CreatedAt: h.timeJSON(c.CreatedAt),
		EditableTill: h.timeJSON(c.CreatedAt.Add(notify.EditWindow))}
	if c.Author != nil {
		out.Author, out.AuthorEmail = c.Author.Name, c.Author.Email
	}
	if c.EditedAt != nil {
		s := h.timeJSON(*c.EditedAt)
		out.EditedAt = &s
	}
	return out
}

// ListComments is an assignment's discussion, oldest first.
func (h *Handler) ListComments(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.Store.AssignmentByID(ctx, id); err != nil {
		return err
	}
	list, err := h.Store.Comments(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, h.toCommentJSON))
}

// commentRequest is the body of a new or edited comment.
type commentRequest struct {
	Body string `json:"body"`
}

// AddComment adds the caller's comment: 201; 403 outside the assignment's
// agency and the committee; 422 for an empty or too long text or a mention
// of nobody.
func (h *Handler) AddComment(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	var in commentRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cm, err := h.Store.AddComment(c.Request().Context(), web.CurrentUser(c), id, in.Body, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.toCommentJSON(cm))
}

// EditComment changes the caller's own comment within notify.EditWindow:
// 200; 403 for another's; 409 once the window has passed.
func (h *Handler) EditComment(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	cid, err := web.IdParam(c, "comment")
	if err != nil {
		return err
	}
	var in commentRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cm, err := h.Store.EditComment(c.Request().Context(), web.CurrentUser(c), id, cid, in.Body, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.toCommentJSON(cm))
}
