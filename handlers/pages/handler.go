package pages

import "roviec/handlers/web"

// pageHandler serves the server-rendered pages: session cookie, CSRF token on
// every form, Vietnamese first.
type Handler struct {
	*web.Handler
	// Imports holds uploaded import files until their confirmation.
	Imports *HeldImports
}
