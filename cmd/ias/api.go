package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/go-ias/ias"
	"github.com/spf13/cobra"
)

// apiCmd builds its command.
func (a *app) apiCmd() *cobra.Command {
	var data, contentType string
	var headers, fields []string
	var include, paginate bool
	cmd := &cobra.Command{
		Use:   "api METHOD PATH",
		Short: "Send any request to the tenant through the SDK's pipeline",
		Long: `Send any request to the tenant, for endpoints without a command of their own.
The request goes through the SDK's pipeline like every other command:
credentials (only to the tenant), redirects, token refresh on 401, retries
with backoff on 429 and 5xx, and typed errors with their exit code.

PATH is the path below the tenant URL, with an optional query. A JSON answer
is printed like any other document (--jq and -o table apply); any other
answer is printed as it is. --include writes the status line and the
response headers to stderr (also for an error answer).

--paginate (GET only) reads every page of a list and prints one element per
line (NDJSON, --jq applies to each): SCIM lists (/scim/Users, /scim/Groups)
are walked with id paging (startId=initial, then nextId until "end"), or by
startIndex when PATH gives one; lists in the style of /Applications/v1 are
walked with cursor=nextCursor until the answer has no nextCursor.`,
		Example: `  ias api GET /scim/Users?count=1
  ias api GET /scim/ServiceProviderConfig --jq .bulk
  ias api POST /scim/Users --data @user.json
  ias api GET /service/resource -q resourceType=RESOURCE_I18N_BUNDLE -q locale=de
  ias api GET /scim/Groups --paginate --jq .displayName
  ias api GET /Applications/v1/ --paginate --include`,
		Args: exactArgs("METHOD", "PATH"),
	}
	f := cmd.Flags()
	f.StringVarP(&data, "data", "d", "", "request body: @FILE, - for stdin, or the text itself")
	f.StringVar(&contentType, "content-type", "", "Content-Type of the body (default: JSON, SCIM JSON on /scim)")
	f.StringArrayVarP(&headers, "header", "H", nil, `extra header "Name: value" (repeatable)`)
	f.StringArrayVarP(&fields, "query", "q", nil, "extra query parameter NAME=VALUE (repeatable)")
	f.BoolVarP(&include, "include", "i", false, "write the status line and response headers to stderr")
	f.BoolVar(&paginate, "paginate", false, "GET every page of a SCIM or cursor-paged list, one element per line (NDJSON)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		req, err := buildAPIRequest(args[0], args[1], headers, fields)
		if err != nil {
			return err
		}
		if data != "" {
			b, err := a.readData(data)
			if err != nil {
				return err
			}
			req.Body = b
			req.ContentType = contentType
			if req.ContentType == "" {
				req.ContentType = "application/json"
				if len(req.Path) > 0 && req.Path[0] == "scim" {
					req.ContentType = "application/scim+json"
				}
			}
		}
		kind := apiKindOf(req.Path)
		if paginate && req.Method != http.MethodGet {
			return usagef("--paginate works with GET only")
		}
		p, c, err := printerAndClient(ctx, a, nil, func() (*ias.Client, error) { return a.client(kind) })
		if err != nil {
			return err
		}
		send := func(req *ias.Request) (*ias.Response, []byte, error) {
			var body []byte
			resp, err := c.Do(ctx, req, &body)
			if include {
				a.printHeaders(resp, err)
			}
			return resp, body, err
		}
		if paginate {
			return a.paginate(p, req, send)
		}
		resp, body, err := send(req)
		if err != nil {
			return err
		}
		if a.verbose {
			fmt.Fprintf(a.errOut, "ias: %d %s [request %s] after %d attempt(s)\n",
				resp.StatusCode, http.StatusText(resp.StatusCode), resp.RequestID, resp.Attempts)
		}
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) == 0 {
			return nil
		}
		if json.Valid(trimmed) {
			return printDoc(p, json.RawMessage(trimmed))
		}
		if p.jq != nil || p.table {
			return fmt.Errorf("the answer is %s, not JSON: --jq and -o table need JSON", firstNonEmpty(resp.Header.Get("Content-Type"), "not JSON"))
		}
		if _, err := a.out.Write(body); err != nil {
			return err
		}
		if body[len(body)-1] != '\n' {
			_, err = io.WriteString(a.out, "\n")
		}
		return err
	})
	return cmd
}

// apiKindOf is the credential kind of a path: OAuth client credentials
// for the Identity Directory (SCIM, also the deprecated /service/scim) and
// the configuration APIs of applications and identity providers, as their
// commands use; Basic for the others.
func apiKindOf(path []string) apiKind {
	if len(path) == 0 {
		return kindApp
	}
	switch path[0] {
	case "scim", "Applications", "IdentityProviders":
		return kindSCIM
	case "service":
		if len(path) > 1 && path[1] == "scim" {
			return kindSCIM
		}
	}
	return kindApp
}

// printHeaders writes the status line and headers of an answer (a
// response, or the answer an *ias.Error carries) to stderr, as curl -i
// would, with cookies left out.
func (a *app) printHeaders(resp *ias.Response, err error) {
	status, header := 0, http.Header(nil)
	var e *ias.Error
	switch {
	case resp != nil:
		status, header = resp.StatusCode, resp.Header
	case errors.As(err, &e) && e.StatusCode != 0:
		status, header = e.StatusCode, e.Header
	default:
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d %s\n", status, http.StatusText(status))
	keys := make([]string, 0, len(header))
	for k := range header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "Set-Cookie" {
			continue
		}
		for _, v := range header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n")
	_, _ = io.WriteString(a.errOut, b.String())
}

// buildAPIRequest turns METHOD, PATH?QUERY, headers and query fields into
// an ias.Request; each path segment is unescaped here and escaped again by
// the pipeline, so that %2F stays within its segment.
func buildAPIRequest(method, path string, headers, fields []string) (*ias.Request, error) {
	method = strings.ToUpper(method)
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
	default:
		return nil, usagef("METHOD %q: want GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS", method)
	}
	u, err := url.Parse(path)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return nil, usagef("PATH %q: want a path below the tenant URL, such as /scim/Users", path)
	}
	req := &ias.Request{Method: method, Query: u.Query(), Header: http.Header{}}
	escaped := strings.TrimPrefix(u.EscapedPath(), "/")
	if escaped == "" {
		return nil, usagef("PATH %q: empty", path)
	}
	parts := strings.Split(escaped, "/")
	for i, seg := range parts {
		s, err := url.PathUnescape(seg)
		if err != nil {
			return nil, usagef("PATH %q: %v", path, err)
		}
		if s == "" && i != len(parts)-1 || s == "." || s == ".." {
			return nil, usagef("PATH %q: empty, . or .. segment", path)
		}
		req.Path = append(req.Path, s)
	}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, usagef("--header %q: want \"Name: value\"", h)
		}
		name = http.CanonicalHeaderKey(strings.TrimSpace(name))
		if name == "Authorization" || name == "Cookie" {
			return nil, usagef("--header %s: credentials come from the environment, never from the command line", name)
		}
		req.Header.Add(name, strings.TrimSpace(value))
	}
	for _, kv := range fields {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--query %q: want NAME=VALUE", kv)
		}
		req.Query.Add(k, v)
	}
	return req, nil
}
