// Package pages serves the server-rendered pages: session cookie, CSRF token
// on every form, Vietnamese first, htmx fragments for in-place updates. Each
// handler parses, authorises through web, validates, calls the store, then
// renders a view or redirects with a flash.
package pages
