// Package api answers the JSON API under /api/v1: bearer tokens, JSON in and
// out, errors as {"error", "fields"}. Each handler binds, authorises through
// web, validates, calls the store and writes JSON.
package api
