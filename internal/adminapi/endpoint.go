package adminapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/go-ias/ias"
)

// ErrNoLocation is returned by Create when IAS answered 201 but gave no
// usable Location: the resource was created, its id is unknown.
var ErrNoLocation = errors.New("created, but the answer has no usable Location with the new id")

// ErrInvalidArgument is wrapped by every error about the caller's input,
// found before anything is sent.
var ErrInvalidArgument = errors.New("invalid argument")

// Endpoint is one collection, such as /Applications/v1.
type Endpoint struct {
	C *ias.Client
	// Root is the collection's path segments, {"Applications", "v1"}.
	Root []string
	// Pkg prefixes errors, "apps"; Noun names a resource in them,
	// "application".
	Pkg, Noun string
}

// Path is the path of the collection (trailing slash, as IAS's clients
// use it) when segs is empty, else of the resource below it.
func (e Endpoint) Path(segs ...string) []string {
	p := append([]string{}, e.Root...)
	if len(segs) == 0 {
		return append(p, "")
	}
	return append(p, segs...)
}

// CheckID refuses an empty id before anything is sent.
func (e Endpoint) CheckID(id string) error {
	if id == "" {
		return fmt.Errorf("%s: %w: empty %s id", e.Pkg, ErrInvalidArgument, e.Noun)
	}
	return nil
}

// Get reads the resource with this id into out.
func (e Endpoint) Get(ctx context.Context, id string, q url.Values, out any) error {
	if err := e.CheckID(id); err != nil {
		return err
	}
	_, err := e.C.Do(ctx, &ias.Request{Method: http.MethodGet, Path: e.Path(id), Query: q}, out)
	return err
}

// List reads one page of the collection into out. A 404 whose message
// says "Unable to find" is IAS's way of saying the list is empty: then
// List reports empty and no error.
func (e Endpoint) List(ctx context.Context, q url.Values, out any) (empty bool, err error) {
	_, err = e.C.Do(ctx, &ias.Request{Method: http.MethodGet, Path: e.Path(), Query: q}, out)
	if IsEmptyList(err) {
		return true, nil
	}
	return false, err
}

// IsEmptyList reports whether err is IAS's answer to a list without
// match: "Unable to find ..." with 404 as the HTTP status or as the code
// in the body (SAP's own client meets both, so it keys on either).
func IsEmptyList(err error) bool {
	var ie *ias.Error
	if !errors.As(err, &ie) || !strings.HasPrefix(ie.Detail, "Unable to find") {
		return false
	}
	if ie.StatusCode == http.StatusNotFound {
		return true
	}
	var body struct {
		Error struct {
			Code json.Number `json:"code"`
		} `json:"error"`
	}
	return json.Unmarshal(ie.Body, &body) == nil && body.Error.Code == "404"
}

// Create POSTs body (with the extra header h, if any) to the collection
// and returns the id from the Location of the 201.
func (e Endpoint) Create(ctx context.Context, body any, h http.Header) (string, error) {
	resp, err := e.C.Do(ctx, &ias.Request{Method: http.MethodPost, Path: e.Path(), JSON: body, Header: h}, nil)
	if err != nil {
		return "", err
	}
	id, ok := IDFromLocation(resp.Location)
	if !ok {
		return "", fmt.Errorf("%s: %s %w (Location %q)", e.Pkg, e.Noun, ErrNoLocation, resp.Location)
	}
	return id, nil
}

// Write sends body with method to the resource with this id (PUT, or
// PATCH of {"operations": ...}), with the extra header h, if any; IAS
// answers 200 with an empty body.
func (e Endpoint) Write(ctx context.Context, method, id string, body any, h http.Header) error {
	if err := e.CheckID(id); err != nil {
		return err
	}
	_, err := e.C.Do(ctx, &ias.Request{Method: method, Path: e.Path(id), JSON: body, Header: h}, nil)
	return err
}

// Delete deletes the resource with this id.
func (e Endpoint) Delete(ctx context.Context, id string) error {
	if err := e.CheckID(id); err != nil {
		return err
	}
	_, err := e.C.Do(ctx, &ias.Request{Method: http.MethodDelete, Path: e.Path(id)}, nil)
	return err
}

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IDFromLocation takes the id of a created resource from a Location,
// relative (/Applications/v1/<uuid>, as IAS sends it) or absolute: its
// last path segment, which must be a UUID.
func IDFromLocation(loc string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil || u.Path == "" {
		return "", false
	}
	id := path.Base(strings.TrimRight(u.Path, "/"))
	return id, uuidRe.MatchString(id)
}
