// Package apidoc describes the JSON API (/api/v1) as a Go table, from which
// the OpenAPI 3 document (/api/v1/openapi.json) and the readable docs page
// (/api/docs) are both made, so they cannot disagree. A test holds the
// table to the router's routes, both ways.
package apidoc

// Operation is one route of the API.
type Operation struct {
	Method  string
	Path    string // OpenAPI form: /plans/{id}
	Tag     string
	Summary string
	Public  bool     // no bearer token
	Query   []string // query parameters
	Body    []Field  // the JSON body's fields; none: no body
	Status  int      // the status of a success
}

// Field is a field of a JSON request body.
type Field struct {
	Name, Type, Doc string
	Required        bool
}

func f(name, typ, doc string) Field   { return Field{Name: name, Type: typ, Doc: doc} }
func req(name, typ, doc string) Field { return Field{Name: name, Type: typ, Doc: doc, Required: true} }

const day = "a date: YYYY-MM-DD or dd/mm/yyyy"

// Operations lists every route of /api/v1, grouped by tag.
func Operations() []Operation {
	page := []string{"page", "per_page"}
	return []Operation{
		{Method: "POST", Path: "/auth/token", Tag: "Auth", Summary: "Exchange an e-mail and password for a bearer token (throttled: 429 with Retry-After).", Public: true, Status: 201,
			Body: []Field{req("email", "string", ""), req("password", "string", "")}},
		{Method: "GET", Path: "/openapi.json", Tag: "Auth", Summary: "This description, as OpenAPI 3.", Public: true, Status: 200},
		{Method: "POST", Path: "/account/password", Tag: "Auth", Summary: "Change one's own password; every session and token ends, the answer carries a new token.", Status: 200,
			Body: []Field{req("current_password", "string", ""), req("new_password", "string", "")}},
		{Method: "GET", Path: "/me/tokens", Tag: "Auth", Summary: "List one's personal API tokens with their scope, expiry and last use (kept to the minute).", Status: 200},
		{Method: "POST", Path: "/me/tokens", Tag: "Auth", Summary: "Make a personal API token: the answer {\"id\",\"token\"} is the only time the token is shown.", Status: 201,
			Body: []Field{req("name", "string", "at most 100 characters"), req("scope", "string", "read (every write is a 403) or write"),
				f("expires_at", "string", "RFC 3339, or a day (valid through its end); absent: no expiry")}},
		{Method: "DELETE", Path: "/me/tokens/{id}", Tag: "Auth", Summary: "Revoke one of one's personal tokens.", Status: 204},
		{Method: "GET", Path: "/me/calendar", Tag: "Calendar", Summary: "The secret address {\"url\"} of one's calendar feed (.ics) of due dates, made at the first request.", Status: 200},
		{Method: "POST", Path: "/me/calendar/regenerate", Tag: "Calendar", Summary: "Give one's calendar feed a new address; the old one answers 404.", Status: 200},
		{Method: "DELETE", Path: "/me/calendar", Tag: "Calendar", Summary: "Turn one's calendar feed off.", Status: 204},
		{Method: "GET", Path: "/agencies/{code}/calendar", Tag: "Calendar", Summary: "The address {\"url\"} of an agency's calendar feed (its focal points and the committee).", Status: 200},
		{Method: "POST", Path: "/agencies/{code}/calendar/regenerate", Tag: "Calendar", Summary: "Give an agency's calendar feed a new address.", Status: 200},
		{Method: "DELETE", Path: "/agencies/{code}/calendar", Tag: "Calendar", Summary: "Turn an agency's calendar feed off.", Status: 204},

		{Method: "GET", Path: "/plans", Tag: "Plans", Summary: "List the plans (programme years).", Status: 200},
		{Method: "POST", Path: "/plans", Tag: "Plans", Summary: "Create a plan (coordinators).", Status: 201,
			Body: []Field{req("name", "string", ""), f("name_en", "string", ""), req("year", "integer", "2000 to 2100")}},
		{Method: "POST", Path: "/plans/{id}/import", Tag: "Plans", Summary: "Import directives with their agencies from an .xlsx or .csv file (multipart field \"file\", up to 10 MB), all or nothing; 422 lists every bad row.", Query: []string{"dry_run"}, Status: 201},
		{Method: "PUT", Path: "/plans/{id}/public", Tag: "Plans", Summary: "Open a plan's scoreboards to the public at /public/{year}, or close them (admins).", Status: 200,
			Body: []Field{req("public", "boolean", "")}},
		{Method: "POST", Path: "/plans/{id}/copy", Tag: "Plans", Summary: "Copy a plan's themes and targets into a new year.", Status: 201,
			Body: []Field{req("name", "string", ""), req("year", "integer", "")}},
		{Method: "GET", Path: "/plans/{id}/themes", Tag: "Plans", Summary: "List a plan's themes.", Status: 200},
		{Method: "POST", Path: "/plans/{id}/themes", Tag: "Plans", Summary: "Add a theme to a plan.", Status: 201,
			Body: []Field{req("first_month", "integer", ""), req("last_month", "integer", ""), req("title_vi", "string", ""), f("title_en", "string", ""), f("description", "string", "")}},
		{Method: "GET", Path: "/themes/{id}/matrix", Tag: "Plans", Summary: "A theme's matrix of agencies by directives.", Query: []string{"as_of", "kind"}, Status: 200},

		{Method: "GET", Path: "/agencies", Tag: "Agencies", Summary: "List the agencies (ministries and provinces); overdue=1: only those with open overdue work, with its count.", Query: []string{"kind", "q", "overdue"}, Status: 200},
		{Method: "POST", Path: "/agencies/urge", Tag: "Agencies", Summary: "Urge late agencies about all their overdue work in a plan, once a day per agency and directive (coordinators); per-agency results.", Status: 200,
			Body: []Field{req("plan_id", "integer", ""), req("agency_codes", "array", "")}},
		{Method: "POST", Path: "/agencies/merge", Tag: "Agencies", Summary: "Merge agencies into a successor, existing or new, in one transaction (admins); dry_run previews.", Status: 200,
			Body: []Field{req("into", "string", "the successor's code"), req("from", "array", "the merged agencies' codes (at most 100)"),
				f("name", "string", "the successor's name, when it is new"), f("dry_run", "boolean", "run and roll back: what would move")}},
		{Method: "GET", Path: "/agencies/league", Tag: "Agencies", Summary: "The league table of agencies.", Query: []string{"plan_id", "as_of", "kind", "overdue"}, Status: 200},
		{Method: "PATCH", Path: "/agencies/{code}", Tag: "Agencies", Summary: "Change an agency's name, leader or active flag (admins).", Status: 200,
			Body: []Field{f("name", "string", ""), f("leader_name", "string", ""), f("leader_email", "string", ""), f("active", "boolean", ""), f("version", "integer", "the version read")}},

		{Method: "POST", Path: "/users", Tag: "Users", Summary: "Create a user (admins).", Status: 201,
			Body: []Field{req("email", "string", ""), req("name", "string", ""), req("role", "string", "admin, coordinator, focal, leader, viewer"), f("agency_code", "string", ""), f("password", "string", "")}},
		{Method: "POST", Path: "/users/invitations", Tag: "Users", Summary: "Invite a user by e-mail (admins).", Status: 201,
			Body: []Field{req("email", "string", ""), req("name", "string", ""), req("role", "string", ""), f("agency_code", "string", "")}},

		{Method: "GET", Path: "/directives", Tag: "Directives", Summary: "List directives.", Query: append([]string{"plan_id", "theme_id", "q"}, page...), Status: 200},
		{Method: "POST", Path: "/directives", Tag: "Directives", Summary: "Create a directive and its assignments in one transaction (coordinators).", Status: 201,
			Body: []Field{req("theme_id", "integer", ""), req("title", "string", ""), f("pillar", "string", ""), f("description", "string", ""),
				f("deliverable", "string", ""), req("due_date", "string", day), req("agency_codes", "array", "codes, or all / all_ministries / all_provinces")}},
		{Method: "GET", Path: "/directives/{id}", Tag: "Directives", Summary: "A directive with its assignments.", Status: 200},
		{Method: "GET", Path: "/directives/{id}/scoreboard", Tag: "Directives", Summary: "A directive's scoreboard, as of a day.", Query: []string{"as_of"}, Status: 200},
		{Method: "POST", Path: "/directives/{id}/urge", Tag: "Directives", Summary: "Urge overdue agencies by e-mail, once a day each.", Status: 200,
			Body: []Field{req("agency_codes", "array", "")}},

		{Method: "GET", Path: "/webhooks", Tag: "Webhooks", Summary: "List the webhooks (admins); secrets are never shown.", Status: 200},
		{Method: "POST", Path: "/webhooks", Tag: "Webhooks", Summary: "Add a webhook: signed JSON deliveries (X-Roviec-Signature: sha256=HMAC of the body) through the durable outbox (admins).", Status: 201,
			Body: []Field{req("url", "string", "http or https"), req("secret", "string", "16 to 200 characters"),
				req("events", "array", "assignment.updated, assignment.overdue, assignment.submitted, directive.created, explanation.requested"), f("active", "boolean", "")}},
		{Method: "PUT", Path: "/webhooks/{id}", Tag: "Webhooks", Summary: "Change a webhook; without a secret the stored one is kept (admins).", Status: 200,
			Body: []Field{req("url", "string", ""), f("secret", "string", ""), req("events", "array", ""), f("active", "boolean", "")}},
		{Method: "DELETE", Path: "/webhooks/{id}", Tag: "Webhooks", Summary: "Delete a webhook (admins).", Status: 204},
		{Method: "GET", Path: "/webhooks/{id}/deliveries", Tag: "Webhooks", Summary: "A webhook's delivery log: status, attempts, last error, response code (admins).", Status: 200},
		{Method: "POST", Path: "/webhooks/{id}/deliveries/{delivery}/resend", Tag: "Webhooks", Summary: "Queue a failed delivery again, due at once with its attempts counted afresh; answers with the delivery as the log shows it. A delivery not failed, or of a webhook switched off, is a 409 (admins).", Status: 200},

		{Method: "GET", Path: "/export/assignments", Tag: "Export", Summary: "Assignments as .xlsx or .csv, streamed.", Query: []string{"format", "plan_id", "theme_id", "directive_id", "agency_code", "agency_kind", "status", "timeliness"}, Status: 200},
		{Method: "GET", Path: "/export/scoreboard", Tag: "Export", Summary: "A directive's scoreboard as .xlsx or .csv.", Query: []string{"format", "directive_id", "as_of", "kind", "overdue"}, Status: 200},
		{Method: "GET", Path: "/export/league", Tag: "Export", Summary: "The league table as .xlsx or .csv.", Query: []string{"format", "plan_id", "theme_id", "as_of", "kind", "overdue"}, Status: 200},
		{Method: "GET", Path: "/export/matrix", Tag: "Export", Summary: "A theme's matrix (every agency and directive) as .xlsx or .csv.", Query: []string{"format", "theme_id", "as_of"}, Status: 200},
		{Method: "GET", Path: "/export/targets", Tag: "Export", Summary: "A plan's targets with their values as .xlsx or .csv.", Query: []string{"format", "plan_id", "as_of"}, Status: 200},
		{Method: "GET", Path: "/export/review", Tag: "Export", Summary: "The review queue as .xlsx or .csv (reviewers).", Query: []string{"format"}, Status: 200},
		{Method: "GET", Path: "/export/audit", Tag: "Export", Summary: "The audit trail as .xlsx or .csv (admins).", Query: []string{"format", "entity", "entity_id", "action", "actor", "from", "to"}, Status: 200},

		{Method: "GET", Path: "/assignments", Tag: "Assignments", Summary: "List assignments.", Query: append([]string{"agency_code", "directive_id", "theme_id", "status", "q"}, page...), Status: 200},
		{Method: "POST", Path: "/assignments/bulk", Tag: "Assignments", Summary: "Accept or return several submissions, each on its own.", Status: 200,
			Body: []Field{req("ids", "array", ""), req("action", "string", "accept or return"), f("reason", "string", "for a return")}},
		{Method: "GET", Path: "/assignments/{id}", Tag: "Assignments", Summary: "An assignment with its history.", Status: 200},
		{Method: "PATCH", Path: "/assignments/{id}", Tag: "Assignments", Summary: "Report on or review an assignment; a stale version is a 409.", Status: 200,
			Body: []Field{f("status", "string", ""), f("progress", "integer", "0 to 100"), f("note", "string", ""), f("owner_name", "string", ""), f("owner_email", "string", ""),
				f("evidence_ref", "string", ""), f("evidence_date", "string", day), f("evidence_url", "string", ""), f("due_date", "string", day), f("version", "integer", "")}},
		{Method: "POST", Path: "/assignments/{id}/extensions", Tag: "Assignments", Summary: "Ask for a new due date.", Status: 201,
			Body: []Field{req("new_due", "string", day), req("reason", "string", "")}},
		{Method: "GET", Path: "/assignments/{id}/files", Tag: "Assignments", Summary: "List an assignment's evidence files.", Status: 200},
		{Method: "POST", Path: "/assignments/{id}/files", Tag: "Assignments", Summary: "Attach an evidence file (multipart, field \"file\", up to 10 MB).", Status: 201},
		{Method: "GET", Path: "/files/{id}", Tag: "Assignments", Summary: "Download an evidence file.", Status: 200},
		{Method: "DELETE", Path: "/files/{id}", Tag: "Assignments", Summary: "Remove an evidence file.", Status: 204},
		{Method: "GET", Path: "/assignments/{id}/comments", Tag: "Assignments", Summary: "An assignment's discussion.", Status: 200},
		{Method: "POST", Path: "/assignments/{id}/comments", Tag: "Assignments", Summary: "Comment; @e-mail mentions a user.", Status: 201,
			Body: []Field{req("body", "string", "at most 4,000 characters")}},
		{Method: "PATCH", Path: "/assignments/{id}/comments/{comment}", Tag: "Assignments", Summary: "Edit one's comment within 15 minutes.", Status: 200,
			Body: []Field{req("body", "string", "")}},
		{Method: "GET", Path: "/me/work", Tag: "Assignments", Summary: "A focal point's agency's work, by urgency.", Status: 200},
		{Method: "GET", Path: "/review", Tag: "Assignments", Summary: "The committee's queue of submitted work.", Query: page, Status: 200},

		{Method: "GET", Path: "/extensions", Tag: "Extensions", Summary: "List extension requests.", Query: []string{"status"}, Status: 200},
		{Method: "POST", Path: "/extensions/{id}/decision", Tag: "Extensions", Summary: "Approve or reject an extension request.", Status: 200,
			Body: []Field{req("approve", "boolean", ""), f("note", "string", "required to reject")}},
		{Method: "GET", Path: "/explanations", Tag: "Extensions", Summary: "List explanation requests.", Query: []string{"status"}, Status: 200},
		{Method: "POST", Path: "/explanations/{id}/answer", Tag: "Extensions", Summary: "Answer an explanation request.", Status: 200,
			Body: []Field{req("answer", "string", "")}},

		{Method: "GET", Path: "/holidays", Tag: "Settings", Summary: "List the official days off.", Query: []string{"year"}, Status: 200},
		{Method: "POST", Path: "/holidays", Tag: "Settings", Summary: "Add a day off (admins).", Status: 201,
			Body: []Field{req("day", "string", day), req("name_vi", "string", ""), f("name_en", "string", "")}},
		{Method: "DELETE", Path: "/holidays/{id}", Tag: "Settings", Summary: "Remove a day off (admins).", Status: 204},
		{Method: "GET", Path: "/audit", Tag: "Settings", Summary: "The audit trail.", Query: append([]string{"entity", "action", "user", "from", "to"}, page...), Status: 200},

		{Method: "GET", Path: "/targets", Tag: "Targets", Summary: "The plan's targets with their values.", Query: []string{"plan_id", "as_of"}, Status: 200},
		{Method: "GET", Path: "/targets/{code}", Tag: "Targets", Summary: "A target with its history of values.", Status: 200},
		{Method: "POST", Path: "/targets/{code}/values", Tag: "Targets", Summary: "Report a national target's value.", Status: 201,
			Body: []Field{req("value", "number", ""), req("as_of", "string", day), f("source", "string", ""), f("note", "string", "")}},

		{Method: "GET", Path: "/notifications", Tag: "Notifications", Summary: "One's notifications, newest first.", Query: page, Status: 200},
		{Method: "POST", Path: "/notifications/read", Tag: "Notifications", Summary: "Mark notifications read.", Status: 200,
			Body: []Field{f("ids", "array", ""), f("all", "boolean", "")}},
		{Method: "GET", Path: "/notifications/preferences", Tag: "Notifications", Summary: "One's e-mail choice per kind of event.", Status: 200},
		{Method: "PUT", Path: "/notifications/preferences", Tag: "Notifications", Summary: "Set one's e-mail choices (now, digest, none).", Status: 200,
			Body: []Field{f("<kind>", "string", "now, digest or none")}},
	}
}
