package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/filetype"
)

// MaxUploadBody bounds the body of a file upload: the file at its limit
// plus room for the multipart envelope and the form's other fields. Every
// other request stays under MaxBodySize.
const MaxUploadBody = models.MaxEvidenceSize + 64<<10

// IsUpload reports whether a request goes to a route that takes an
// evidence file or a spreadsheet to import (by its route pattern), to which LimitUploads applies
// instead of the 1 MB limit of every other request.
func IsUpload(c echo.Context) bool {
	switch c.Path() {
	case "/api/v1/assignments/:id/files", "/assignments/:id/files", "/api/v1/plans/:id/import", "/plans/:id/import":
		return c.Request().Method == http.MethodPost
	}
	return false
}

// errFileTooLarge refuses a file over the limit, with the limit.
func errFileTooLarge() error {
	return HTTPError(http.StatusRequestEntityTooLarge, "err.file_too_large", "Size", models.MaxEvidenceSizeText)
}

// LimitUploads bounds an upload's body at MaxUploadBody before anything
// reads it (the CSRF check reads a page's form): a body that says it is
// longer is refused at once (413, with the file limit in the message); one
// that does not say is cut off there.
func LimitUploads(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !IsUpload(c) {
			return next(c)
		}
		r := c.Request()
		if r.ContentLength > MaxUploadBody {
			return errFileTooLarge()
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxUploadBody)
		return next(c)
	}
}

// readEvidence is the gate of an assignment's evidence files, through
// Authorize: a user who may not read them gets the 404 of an unknown id,
// which does not tell that a file exists.
func readEvidence(c echo.Context, agencyID uint) error {
	if err := Authorize(c, models.ActReadEvidence, agencyID); err != nil {
		return models.ErrNotFound
	}
	return nil
}

// AssignmentEvidence loads the assignment named by the "id" path parameter
// for a list of its evidence files (404 for an unknown one, or for a user
// who may not read its evidence).
func (h *Handler) AssignmentEvidence(c echo.Context) (*models.Assignment, error) {
	a, err := h.assignmentParam(c)
	if err != nil {
		return nil, err
	}
	return a, readEvidence(c, a.AgencyID)
}

// FileToRead loads the evidence file named by the "id" path parameter
// (removed or not) and its assignment: 404 for an unknown file, or for a
// user who may not read its assignment's evidence.
func (h *Handler) FileToRead(c echo.Context) (*models.EvidenceFile, *models.Assignment, error) {
	ctx := c.Request().Context()
	id, err := IdParam(c, "id")
	if err != nil {
		return nil, nil, err
	}
	f, err := h.Store.FileByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a, err := h.Store.AssignmentByID(ctx, f.AssignmentID)
	if err != nil {
		return nil, nil, err
	}
	return f, a, readEvidence(c, a.AgencyID)
}

// Upload is an evidence file as a request brought it: the name the client
// gave it, its kind as its content says, and its content.
type Upload struct {
	Name string
	Kind models.FileKind
	Data []byte
}

// ReadUpload reads the multipart field "file" and tells its kind from its
// content: no file is a 422, a file over the limit a 413, a type not
// accepted a 415 listing the accepted ones (whatever its name or the
// Content-Type the client claimed).
func ReadUpload(c echo.Context) (*Upload, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return nil, errFileTooLarge()
		}
		return nil, models.Invalid("file", "err.file_required")
	}
	if fh.Size > models.MaxEvidenceSize {
		return nil, errFileTooLarge()
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, models.MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > models.MaxEvidenceSize {
		return nil, errFileTooLarge()
	}
	if len(data) == 0 {
		return nil, models.Invalid("file", "err.file_empty")
	}
	kind, ok := filetype.Detect(data)
	if !ok {
		return nil, HTTPError(http.StatusUnsupportedMediaType, "err.file_type", "List", models.AcceptedFileTypes)
	}
	return &Upload{Name: fh.Filename, Kind: kind, Data: data}, nil
}

// ServeFile answers the evidence file named by the "id" path parameter as a
// download, to those who may read its assignment's evidence; anyone else,
// like an unknown id, gets a 404, which does not tell that it exists. A
// removed file is still served: the history links to it.
func (h *Handler) ServeFile(c echo.Context) error {
	f, _, err := h.FileToRead(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	data, err := h.Store.FileContent(ctx, f)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set(echo.HeaderContentDisposition, ContentDisposition(f.Name))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set(echo.HeaderCacheControl, "no-store")
	// A document opened in the browser's own tab (a PDF viewer) runs
	// nothing and is framed by nobody.
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	hd.Set(echo.HeaderContentLength, strconv.Itoa(len(data)))
	return c.Blob(http.StatusOK, f.Kind.ContentType(), data)
}

// ContentDisposition is an attachment header naming name (RFC 6266): an
// ASCII name without diacritics for old clients, and the UTF-8 name,
// percent-encoded (RFC 8187), for the others.
func ContentDisposition(name string) string {
	var ascii, utf strings.Builder
	for _, r := range models.Fold(name) {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			r = '_'
		}
		ascii.WriteRune(r)
	}
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			utf.WriteByte(b)
		} else {
			fmt.Fprintf(&utf, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + utf.String()
}
