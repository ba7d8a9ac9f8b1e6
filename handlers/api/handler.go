package api

import "roviec/handlers/web"

// apiHandler answers the JSON API (/api/v1): bearer tokens, JSON in and out.
type Handler struct{ *web.Handler }
