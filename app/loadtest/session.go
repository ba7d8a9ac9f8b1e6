package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// requestTimeout bounds one request, however slow the server under test is.
const requestTimeout = 2 * time.Minute

// session is one user logged in to the server under test twice: a page
// session (its cookie in the client's jar) and an API bearer token. All
// clients share its one http.Client, so connections are kept alive and reused.
type session struct {
	base   string // the server's URL, without a trailing slash
	client *http.Client
	token  string
}

// newClient is the one http.Client of a run: keep-alive with an idle
// connection kept for each of conns concurrent clients, a cookie jar for
// the page session, redirects not followed (a 303 is an answer to measure).
func newClient(conns int) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 2*conns, 2*conns
	return &http.Client{Transport: tr, Jar: jar, Timeout: requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, nil
}

// login logs email in to the pages and to the API of the server at base.
func login(ctx context.Context, client *http.Client, base, email, password string) (*session, error) {
	s := &session{base: strings.TrimRight(base, "/"), client: client}
	if err := s.loginPages(ctx, email, password); err != nil {
		return nil, fmt.Errorf("log in to the pages: %w", err)
	}
	if err := s.loginAPI(ctx, email, password); err != nil {
		return nil, fmt.Errorf("log in to the API: %w", err)
	}
	return s, nil
}

// loginPages posts the login form with the CSRF token of GET /login; the
// session cookie lands in the jar.
func (s *session) loginPages(ctx context.Context, email, password string) error {
	page, err := s.read(ctx, s.base+"/login")
	if err != nil {
		return err
	}
	token, ok := csrfToken(string(page))
	if !ok {
		return errors.New("GET /login: no csrf_token field in the form")
	}
	form := url.Values{"email": {email}, "password": {password}, "csrf_token": {token}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, err := s.do(req)
	switch {
	case err != nil:
		return err
	case status == http.StatusUnauthorized:
		return fmt.Errorf("wrong e-mail or password for %s", email)
	case status != http.StatusSeeOther:
		return fmt.Errorf("POST /login answered %d, want 303", status)
	}
	return nil
}

// csrfToken is the value of the form's csrf_token field, which must match
// the roviec_csrf cookie (handlers/pages.Csrf).
func csrfToken(page string) (string, bool) {
	_, rest, ok := strings.Cut(page, `name="csrf_token" value="`)
	token, _, closed := strings.Cut(rest, `"`)
	return token, ok && closed && token != ""
}

// loginAPI exchanges the e-mail and password for a bearer token.
func (s *session) loginAPI(ctx context.Context, email, password string) error {
	body, err := json.Marshal(map[string]string{"email": email, "password": password})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/api/v1/auth/token", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		Token string `json:"token"`
	}
	if err := s.decode(req, http.StatusCreated, &out); err != nil {
		return err
	}
	s.token = out.Token
	return nil
}

// request is a request for path on the server, with the bearer token when
// path is in the API (pages go by the jar's session cookie).
func (s *session) request(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// do sends req and reads its whole answer, so that the latency covers the
// body and the connection goes back to the pool; it returns the status.
func (s *session) do(req *http.Request) (int, error) {
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, errors.Join(err, resp.Body.Close())
}

// getJSON decodes the 200 answer of GET path into v.
func (s *session) getJSON(ctx context.Context, path string, v any) error {
	req, err := s.request(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	return s.decode(req, http.StatusOK, v)
}

// decode sends req and decodes its answer into v when it has status want.
func (s *session) decode(req *http.Request, want int, v any) (err error) {
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, resp.Body.Close()) }()
	if resp.StatusCode != want {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300)) // the start of the answer is enough to explain it
		return fmt.Errorf("%s %s answered %s: %s", req.Method, req.URL.Path, resp.Status, bytes.TrimSpace(msg))
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// read is the body of a 200 answer to GET u.
func (s *session) read(ctx context.Context, u string) (body []byte, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, resp.Body.Close()) }()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s answered %s", req.URL.Path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}
