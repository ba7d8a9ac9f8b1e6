package apidoc

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Prefix is where the API is served.
const Prefix = "/api/v1"

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// Params lists the path parameters of an OpenAPI path, in order.
func Params(path string) []string {
	var out []string
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// Document is the OpenAPI 3 description of the API, served at serverURL.
func Document(serverURL string) map[string]any {
	paths := map[string]map[string]any{}
	var tags []map[string]any
	seen := map[string]bool{}
	for _, op := range Operations() {
		if !seen[op.Tag] {
			seen[op.Tag] = true
			tags = append(tags, map[string]any{"name": op.Tag})
		}
		if paths[op.Path] == nil {
			paths[op.Path] = map[string]any{}
		}
		paths[op.Path][strings.ToLower(op.Method)] = operation(op)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "Rõ Việc API", "version": "1",
			"description": "Bearer tokens from POST /auth/token or personal tokens (a read token is refused every write with 403). " +
				"Errors are {\"error\": message, \"fields\": {field: message}} with 400, 401, 403, 404, 409, 413, 422 or 429; " +
				"messages follow Accept-Language (vi or en)."},
		"servers": []map[string]any{{"url": serverURL + Prefix}},
		"tags":    tags,
		"paths":   paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{"Error": map[string]any{"type": "object", "required": []string{"error"}, "properties": map[string]any{
				"error":  map[string]any{"type": "string"},
				"fields": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
			}}},
		},
		"security": []map[string]any{{"bearer": []string{}}},
	}
}

func operation(op Operation) map[string]any {
	out := map[string]any{"tags": []string{op.Tag}, "summary": op.Summary,
		"operationId": strings.ToLower(op.Method) + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "_").Replace(op.Path)}
	if op.Public {
		out["security"] = []map[string]any{}
	}
	var params []map[string]any
	for _, p := range Params(op.Path) {
		typ := "integer"
		if p == "code" {
			typ = "string"
		}
		params = append(params, map[string]any{"name": p, "in": "path", "required": true, "schema": map[string]any{"type": typ}})
	}
	for _, q := range op.Query {
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if params != nil {
		out["parameters"] = params
	}
	if len(op.Body) > 0 {
		props, required := map[string]any{}, []string{}
		for _, f := range op.Body {
			s := map[string]any{"type": f.Type}
			if f.Type == "array" {
				s["items"] = map[string]any{}
			}
			if f.Doc != "" {
				s["description"] = f.Doc
			}
			props[f.Name] = s
			if f.Required {
				required = append(required, f.Name)
			}
		}
		schema := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			schema["required"] = required
		}
		out["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
	}
	out["responses"] = map[string]any{
		strconv.Itoa(op.Status): map[string]any{"description": http.StatusText(op.Status)},
		"default": map[string]any{"description": "An error", "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
	}
	return out
}
