package scim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-ias/ias"
)

// mediaType is the media type of SCIM request bodies.
const mediaType = "application/scim+json"

// Directory is the Identity Directory SCIM API (/scim) of one tenant.
type Directory struct {
	// Users manages /scim/Users.
	Users *UserService
	// Groups manages /scim/Groups.
	Groups *GroupService
	// Schemas manages /scim/Schemas.
	Schemas *SchemaService
	// Bulk sends /scim/Bulk requests.
	Bulk *BulkService
	// Discovery reads /scim/ServiceProviderConfig and /scim/ResourceTypes.
	Discovery *DiscoveryService
}

// New returns the Identity Directory API of the tenant that c talks to.
func New(c *ias.Client) *Directory {
	t := &transport{c: c, root: "scim"}
	disc := &DiscoveryService{t: t}
	return &Directory{
		Users:     &UserService{r: endpoint[User]{t: t, coll: "Users", noun: "user"}},
		Groups:    &GroupService{r: endpoint[Group]{t: t, coll: "Groups", noun: "group"}},
		Schemas:   &SchemaService{r: endpoint[Schema]{t: t, coll: "Schemas", noun: "schema"}},
		Bulk:      &BulkService{t: t, d: disc},
		Discovery: disc,
	}
}

// RequestOption adjusts one request: which attributes come back, or a
// precondition.
type RequestOption func(*reqOpts)

type reqOpts struct {
	attributes, excluded []string
	ifMatch              string
	// blocked asks for soft-deleted users (blocked=true).
	blocked bool
}

// Attributes asks for only these attributes (plus those always returned).
// Names may be short (emails.value) or fully qualified; IAS lets
// attributes win when both this and ExcludedAttributes are given.
func Attributes(names ...string) RequestOption {
	return func(o *reqOpts) { o.attributes = append(o.attributes, names...) }
}

// ExcludedAttributes asks the server to leave these attributes out, such
// as "members" when listing groups.
func ExcludedAttributes(names ...string) RequestOption {
	return func(o *reqOpts) { o.excluded = append(o.excluded, names...) }
}

// IfMatch makes a Replace, Patch or Delete conditional on the resource
// still having this version (meta.version, or an ETag, whose quotes, W/
// prefix and -gzip suffix are stripped). A mismatch fails with
// ias.ErrPreconditionFailed. "*" matches any version.
func IfMatch(version string) RequestOption {
	return func(o *reqOpts) { o.ifMatch = VersionFromETag(version) }
}

// VersionFromETag returns the resource version in an ETag header value:
// IAS sends "<version>-gzip" for compressed bodies and "<version>"
// otherwise, and meta.version holds the bare version.
func VersionFromETag(etag string) string {
	v := strings.TrimSpace(etag)
	v = strings.TrimPrefix(v, "W/")
	v = strings.Trim(v, `"`)
	v = strings.TrimSuffix(v, "-gzip")
	return v
}

func collect(opts []RequestOption) reqOpts {
	var o reqOpts
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

func (o *reqOpts) query(q url.Values) url.Values {
	if o.blocked {
		if q == nil {
			q = url.Values{}
		}
		q.Set("blocked", "true")
	}
	if len(o.attributes) > 0 {
		if q == nil {
			q = url.Values{}
		}
		q.Set("attributes", strings.Join(o.attributes, ","))
	}
	if len(o.excluded) > 0 {
		if q == nil {
			q = url.Values{}
		}
		q.Set("excludedAttributes", strings.Join(o.excluded, ","))
	}
	return q
}

func (o *reqOpts) header() http.Header {
	if o.ifMatch == "" {
		return nil
	}
	v := o.ifMatch
	if v != "*" {
		v = `"` + v + `"`
	}
	return http.Header{"If-Match": {v}}
}

// transport sends the requests of one API root ("scim" or
// "service/scim") through the core pipeline.
type transport struct {
	c *ias.Client
	// root is the first path segments; the deprecated API has two.
	root string
	// alwaysContentType sends Content-Type even without a body (the
	// deprecated API wants it on every call).
	alwaysContentType bool
}

func (t *transport) path(segs ...string) []string {
	p := strings.Split(t.root, "/")
	return append(p, segs...)
}

// do sends one request. body, when not nil, is encoded as JSON.
func (t *transport) do(ctx context.Context, method string, path []string, q url.Values, o *reqOpts, body any, out any) (*ias.Response, error) {
	r := &ias.Request{Method: method, Path: path, JSON: body}
	if o != nil {
		r.Query = o.query(q)
		r.Header = o.header()
	} else {
		r.Query = q
	}
	if body != nil || t.alwaysContentType {
		r.ContentType = mediaType
	}
	return t.c.Do(ctx, r, out)
}

// get reads one resource into out and returns the response.
func (t *transport) get(ctx context.Context, path []string, o *reqOpts, out any) (*ias.Response, error) {
	return t.do(ctx, http.MethodGet, path, nil, o, nil, out)
}

// writeOptional sends a PATCH-like request whose success may be 204 (no
// body) or 200 with the resource, and decodes the latter into out. It
// reports whether a resource came back.
func (t *transport) writeOptional(ctx context.Context, method string, path []string, o *reqOpts, body any, out any) (bool, error) {
	var raw []byte
	if _, err := t.do(ctx, method, path, nil, o, body, &raw); err != nil {
		return false, err
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false, nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return false, fmt.Errorf("%w: %w", ias.ErrInvalidResponse, err)
	}
	return true, nil
}

var errEmptyID = errors.New("scim: empty id")

func checkID(id string) error {
	if id == "" {
		return errEmptyID
	}
	return nil
}
