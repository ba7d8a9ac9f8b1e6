package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// fileJSON is an evidence file as the API shows it; its content is at URL.
type fileJSON struct {
	ID           uint            `json:"id"`
	AssignmentID uint            `json:"assignment_id"`
	Name         string          `json:"name"`
	Kind         models.FileKind `json:"kind"`
	ContentType  string          `json:"content_type"`
	Size         int64           `json:"size"`
	SHA256       string          `json:"sha256"`
	UploadedBy   string          `json:"uploaded_by"`
	UploadedAt   string          `json:"uploaded_at"`
	URL          string          `json:"url"`
}

func (h *Handler) toFileJSON(f *models.EvidenceFile, uploader *models.User) fileJSON {
	out := fileJSON{ID: f.ID, AssignmentID: f.AssignmentID, Name: f.Name, Kind: f.Kind, ContentType: f.Kind.ContentType(),
		Size: f.Size, SHA256: f.SHA256, UploadedAt: h.timeJSON(f.UploadedAt), URL: "/api/v1/files/" + strconv.Itoa(int(f.ID))}
	if uploader != nil {
		out.UploadedBy = uploader.Name
	}
	return out
}

// ListFiles lists an assignment's evidence files (not removed), oldest
// first; 404 for those who may not read its evidence, as for an unknown id.
func (h *Handler) ListFiles(c echo.Context) error {
	a, err := h.AssignmentEvidence(c)
	if err != nil {
		return err
	}
	list, err := h.Store.Files(c.Request().Context(), a.ID)
	if err != nil {
		return err
	}
	out := make([]fileJSON, len(list))
	for i := range list {
		out[i] = h.toFileJSON(&list[i], list[i].UploadedBy)
	}
	return c.JSON(http.StatusOK, map[string]any{"items": out})
}

// AttachFile attaches the multipart field "file" to an assignment as
// evidence: 201 with the file; 403 outside the agency, 409 on a closed
// assignment, 413 over 10 MB, 415 for a type not accepted (told by the
// content), 422 without a file.
func (h *Handler) AttachFile(c echo.Context) error {
	a, err := h.AssignmentToChange(c)
	if err != nil {
		return err
	}
	up, err := web.ReadUpload(c)
	if err != nil {
		return err
	}
	u := web.CurrentUser(c)
	f, err := h.Store.AttachFile(c.Request().Context(), u, a.ID, up.Name, up.Kind, up.Data, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.toFileJSON(f, u))
}

// RemoveFile takes a file off its assignment's list (it stays readable from
// the history): 204; 404 for an unknown file or one whose evidence the user
// may not read, 403 for a reader who may not change the assignment, 409
// when it was removed already or the assignment is closed.
func (h *Handler) RemoveFile(c echo.Context) error {
	f, a, err := h.FileToRead(c)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActUpdateAssignment, a.AgencyID); err != nil {
		return err
	}
	if _, err := h.Store.RemoveFile(c.Request().Context(), web.CurrentUser(c), f.ID, h.Now()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
