package scim

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-ias/ias"
)

// MaxUpdateAttempts bounds how often Update re-reads and retries after a
// 412 Precondition Failed.
const MaxUpdateAttempts = 5

// endpoint is one collection of resources of type T (/scim/Users,
// /service/scim/Groups, ...) with the verbs that every service has. The
// exported services keep their own methods, for their documentation and
// their particular preparation of a body, and call these for the rest, so
// that the checks and the request flow of a verb exist once.
type endpoint[T any] struct {
	t *transport
	// coll is the collection's path segment, "Users".
	coll string
	// noun names a resource in errors, "user".
	noun string
}

// get reads the resource with this id and returns the response for its
// ETag.
func (e endpoint[T]) get(ctx context.Context, id string, opts []RequestOption) (*T, *ias.Response, error) {
	if err := checkID(id); err != nil {
		return nil, nil, err
	}
	o := collect(opts)
	out := new(T)
	resp, err := e.t.get(ctx, e.t.path(e.coll, id), &o, out)
	if err != nil {
		return nil, nil, err
	}
	return out, resp, nil
}

// create POSTs x, as prepare makes it, to the collection.
func (e endpoint[T]) create(ctx context.Context, x *T, prepare func(*T) *T, opts []RequestOption) (*T, error) {
	if x == nil {
		return nil, e.errNil()
	}
	return e.send(ctx, http.MethodPost, e.t.path(e.coll), prepare(x), opts)
}

// replace PUTs x, as prepare makes it, to the resource with this id.
func (e endpoint[T]) replace(ctx context.Context, id string, x *T, prepare func(*T) *T, opts []RequestOption) (*T, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if x == nil {
		return nil, e.errNil()
	}
	return e.send(ctx, http.MethodPut, e.t.path(e.coll, id), prepare(x), opts)
}

// patch applies p to the resource with this id. It returns nil after a 204
// and the resource after a 200 with a body.
func (e endpoint[T]) patch(ctx context.Context, id string, p *PatchOp, opts []RequestOption) (*T, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	o := collect(opts)
	out := new(T)
	ok, err := e.t.writeOptional(ctx, http.MethodPatch, e.t.path(e.coll, id), &o, p, out)
	if !ok || err != nil {
		return nil, err
	}
	return out, nil
}

// delete deletes the resource with this id.
func (e endpoint[T]) delete(ctx context.Context, id string, opts []RequestOption) error {
	if err := checkID(id); err != nil {
		return err
	}
	o := collect(opts)
	_, err := e.t.do(ctx, http.MethodDelete, e.t.path(e.coll, id), nil, &o, nil, nil)
	return err
}

// list fetches the page of the collection that q selects.
func (e endpoint[T]) list(ctx context.Context, q Query) (*ListResponse[T], error) {
	return list[T](ctx, e.t, e.t.path(e.coll), q)
}

// all walks the collection (see all).
func (e endpoint[T]) all(ctx context.Context, q Query) iter.Seq2[*T, error] {
	return all[T](ctx, e.t, e.t.path(e.coll), q)
}

// update reads the resource, lets fn change it and replaces it, as
// prepare makes it, with If-Match set to the version it read (from meta or
// the ETag). On 412 it starts again, at most MaxUpdateAttempts times.
func (e endpoint[T]) update(ctx context.Context, id string, fn func(*T) error, meta func(*T) *Meta, prepare func(*T) *T, opts []RequestOption) (*T, error) {
	var last error
	for range MaxUpdateAttempts {
		x, resp, err := e.get(ctx, id, nil)
		if err != nil {
			return nil, err
		}
		version := versionOf(meta(x), resp)
		if err := fn(x); err != nil {
			return nil, err
		}
		o := append([]RequestOption{}, opts...)
		if version != "" {
			o = append(o, IfMatch(version))
		}
		out, err := e.replace(ctx, id, x, prepare, o)
		if err == nil {
			return out, nil
		}
		if !errors.Is(err, ias.ErrPreconditionFailed) {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("scim: update of %s %s: still conflicting after %d attempts: %w", e.noun, id, MaxUpdateAttempts, last)
}

// send writes body with method to path and decodes the answer.
func (e endpoint[T]) send(ctx context.Context, method string, path []string, body *T, opts []RequestOption) (*T, error) {
	o := collect(opts)
	out := new(T)
	if _, err := e.t.do(ctx, method, path, nil, &o, body, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (e endpoint[T]) errNil() error { return errors.New("scim: nil " + e.noun) }

func versionOf(m *Meta, resp *ias.Response) string {
	if m != nil && m.Version != "" {
		return m.Version
	}
	if resp != nil {
		return VersionFromETag(resp.ETag)
	}
	return ""
}
