package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/imports"
	"roviec/models/store"
)

// ReadImportFile reads the multipart field "file" of an import: its name
// and bytes. No file, or an empty one, is a 422; one over the limit a 413.
// What it holds is told by imports.Read.
func ReadImportFile(c echo.Context) (string, []byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return "", nil, errFileTooLarge()
		}
		return "", nil, models.Invalid("file", "err.file_required")
	}
	if fh.Size > imports.MaxFileSize {
		return "", nil, errFileTooLarge()
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, imports.MaxFileSize+1))
	if err != nil {
		return "", nil, err
	}
	if len(data) > imports.MaxFileSize {
		return "", nil, errFileTooLarge()
	}
	if len(data) == 0 {
		return "", nil, models.Invalid("file", "err.file_empty")
	}
	return fh.Filename, data, nil
}

// ImportFile reads, validates and, unless dryRun, imports a file into the
// plan named by the "id" path parameter, for those who may import (403
// otherwise). Bad rows come back in the report with a validation error.
func (h *Handler) ImportFile(c echo.Context, name string, data []byte, dryRun bool) (*store.ImportReport, error) {
	planID, err := IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	rows, err := imports.Read(name, data)
	if err != nil {
		return nil, err
	}
	return h.Store.ImportDirectives(c.Request().Context(), planID, rows, CurrentUser(c), h.Now(), dryRun)
}
