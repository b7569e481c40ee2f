package scim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/go-ias/ias"
)

// MaxBulkOperations is the most operations IAS takes in one Bulk request
// (documented); BulkService.Do splits longer lists by it when the server
// does not state its own limit.
const MaxBulkOperations = 100

// ErrBulkNoResult is the error of an operation the server did not answer
// in its BulkResponse.
var ErrBulkNoResult = errors.New("scim: bulk operation has no result in the response")

// ErrBulkOperationTooLarge is the error of an operation that alone is
// larger than the server's maxPayloadSize; it is not sent.
var ErrBulkOperationTooLarge = errors.New("scim: bulk operation exceeds the server's maxPayloadSize")

// BulkOperation is one operation of a Bulk request. Operations must be
// independent: IAS refuses references to another operation's bulkId.
type BulkOperation struct {
	// Method is POST, PUT, PATCH or DELETE.
	Method string `json:"method"`
	// BulkID identifies the operation in the response; Do assigns one
	// when it is empty.
	BulkID string `json:"bulkId,omitempty"`
	// Path is /Users or /Groups for POST, /Users/{id} or /Groups/{id}
	// otherwise (see the Bulk* constructors).
	Path string `json:"path"`
	// Version is the resource version the operation expects.
	Version string `json:"version,omitempty"`
	// Data is the User, Group or PatchOp.
	Data any `json:"data,omitempty"`
}

// BulkCreateUser is a POST of u to /Users.
func BulkCreateUser(u *User) BulkOperation {
	return BulkOperation{Method: http.MethodPost, Path: "/Users", Data: u.prepared()}
}

// BulkCreateGroup is a POST of g to /Groups.
func BulkCreateGroup(g *Group) BulkOperation {
	return BulkOperation{Method: http.MethodPost, Path: "/Groups", Data: g.prepared()}
}

// BulkReplaceUser is a PUT of u to /Users/{id}.
func BulkReplaceUser(id string, u *User) BulkOperation {
	return BulkOperation{Method: http.MethodPut, Path: bulkPath("Users", id), Data: u.prepared()}
}

// BulkReplaceGroup is a PUT of g to /Groups/{id}.
func BulkReplaceGroup(id string, g *Group) BulkOperation {
	return BulkOperation{Method: http.MethodPut, Path: bulkPath("Groups", id), Data: g.prepared()}
}

// BulkPatch is a PATCH of /{resource}/{id}, resource being "Users" or
// "Groups".
func BulkPatch(resource, id string, p *PatchOp) BulkOperation {
	return BulkOperation{Method: http.MethodPatch, Path: bulkPath(resource, id), Data: p}
}

// BulkDelete is a DELETE of /{resource}/{id}.
func BulkDelete(resource, id string) BulkOperation {
	return BulkOperation{Method: http.MethodDelete, Path: bulkPath(resource, id)}
}

func bulkPath(resource, id string) string {
	return "/" + url.PathEscape(resource) + "/" + url.PathEscape(id)
}

// BulkRequest is the body of POST /scim/Bulk.
type BulkRequest struct {
	Schemas    []string        `json:"schemas"`
	Operations []BulkOperation `json:"Operations"`
}

// BulkResponse is the answer to a BulkRequest.
type BulkResponse struct {
	Schemas    []string                `json:"schemas"`
	Operations []BulkResponseOperation `json:"Operations"`
}

// BulkResponseOperation is the result of one operation as sent.
type BulkResponseOperation struct {
	Method   string          `json:"method"`
	BulkID   string          `json:"bulkId"`
	Location string          `json:"location"`
	Version  string          `json:"version"`
	Status   Status          `json:"status"`
	Response json.RawMessage `json:"response"`
}

// BulkResult is the outcome of one operation of BulkService.Do, in the
// order of the operations given.
type BulkResult struct {
	// Operation is the operation as sent (with its BulkID).
	Operation BulkOperation
	// Status is the operation's HTTP status (0 if it got none).
	Status int
	// Location is the URL of the created or changed resource.
	Location string
	// Version is the resource's new version, if sent.
	Version string
	// Response is the operation's response body, if any.
	Response json.RawMessage
	// Err is nil for a 2xx status. Otherwise it is an *ias.Error that
	// matches the status sentinels (errors.Is(err, ias.ErrConflict)), or
	// the error of the whole request the operation was part of, or
	// ErrBulkNoResult.
	Err error
}

// BulkService sends /scim/Bulk requests.
type BulkService struct {
	t *transport
	d *DiscoveryService

	// mu guards the limits read from the server; known is set once they
	// are certain (read, or certainly not served). fetching, while a read
	// is in flight, is closed when it ends.
	mu       sync.Mutex
	known    bool
	limits   BulkLimits
	fetching chan struct{}
}

// BulkLimits are the limits Do splits operations by.
type BulkLimits struct {
	// MaxOperations is the most operations per request.
	MaxOperations int
	// MaxPayloadSize is the largest request body in bytes; 0 is no limit
	// of the client's own (the server may still answer 413).
	MaxPayloadSize int
}

// Limits returns the limits Do uses: bulk.maxOperations and
// bulk.maxPayloadSize of the server's ServiceProviderConfig, read once and
// kept, or MaxBulkOperations and no payload limit when the server does not
// serve it (IAS does not document it). A failure that may pass (network,
// 5xx, 429) gives the defaults for now and is asked again next time.
// Concurrent callers share one read; a caller whose ctx ends while it
// waits for another's read gets the defaults.
func (b *BulkService) Limits(ctx context.Context) BulkLimits {
	def := BulkLimits{MaxOperations: MaxBulkOperations}
	for {
		b.mu.Lock()
		if b.known {
			lim := b.limits
			b.mu.Unlock()
			return lim
		}
		if b.d == nil {
			b.mu.Unlock()
			return def
		}
		if wait := b.fetching; wait != nil {
			b.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return def
			}
		}
		done := make(chan struct{})
		b.fetching = done
		b.mu.Unlock()

		lim, known := b.readLimits(ctx, def)
		b.mu.Lock()
		b.fetching = nil
		if known {
			b.known, b.limits = true, lim
		}
		b.mu.Unlock()
		close(done)
		return lim
	}
}

// readLimits reads the limits from the server's ServiceProviderConfig and
// reports whether the answer is certain.
func (b *BulkService) readLimits(ctx context.Context, def BulkLimits) (BulkLimits, bool) {
	cfg, err := b.d.ServiceProviderConfig(ctx)
	if err != nil {
		return def, notServed(err)
	}
	lim := def
	if cfg.Bulk != nil {
		if cfg.Bulk.MaxOperations > 0 {
			lim.MaxOperations = cfg.Bulk.MaxOperations
		}
		if cfg.Bulk.MaxPayloadSize > 0 {
			lim.MaxPayloadSize = cfg.Bulk.MaxPayloadSize
		}
	}
	return lim, true
}

// Do sends ops in requests within the server's limits (see Limits: at
// most MaxBulkOperations operations each unless the server states its
// own, and no larger than its maxPayloadSize) and returns one result per
// operation, in order: none is dropped. A failed operation does not stop
// the others; an operation that alone exceeds maxPayloadSize is not sent
// and fails with ErrBulkOperationTooLarge. When a whole request fails (a
// 413, a network error), the operations it carried get that error and the
// remaining requests are still sent, unless ctx is done; the returned
// error is then the first such failure. Per-operation failures are only
// in the results.
func (b *BulkService) Do(ctx context.Context, ops []BulkOperation) ([]BulkResult, error) {
	results := make([]BulkResult, len(ops))
	seen := make(map[string]bool, len(ops))
	for i := range ops {
		op := ops[i]
		if op.BulkID == "" {
			op.BulkID = "op" + strconv.Itoa(i+1)
			for seen[op.BulkID] {
				op.BulkID += "x"
			}
		}
		if seen[op.BulkID] {
			return nil, fmt.Errorf("scim: bulk operation %d: duplicate bulkId %q", i, op.BulkID)
		}
		seen[op.BulkID] = true
		if p, ok := op.Data.(*PatchOp); ok {
			if err := p.check(); err != nil {
				return nil, fmt.Errorf("scim: bulk operation %d: %w", i, err)
			}
		}
		results[i].Operation = op
	}
	if len(ops) == 0 {
		return results, nil
	}
	var first error
	for _, span := range chunks(results, b.Limits(ctx)) {
		chunk := results[span[0]:span[1]]
		if span[1]-span[0] == 1 && chunk[0].Err != nil {
			continue // refused before sending
		}
		if err := ctx.Err(); err != nil {
			for i := range chunk {
				chunk[i].Err = err
			}
			if first == nil {
				first = err
			}
			continue
		}
		if err := b.send(ctx, chunk); err != nil {
			for i := range chunk {
				chunk[i].Err = err
			}
			if first == nil {
				first = err
			}
		}
	}
	return results, first
}

// chunks splits results into spans [start, end) of at most
// lim.MaxOperations operations whose BulkRequest stays within
// lim.MaxPayloadSize. An operation too large on its own gets a span of
// its own and ErrBulkOperationTooLarge.
func chunks(results []BulkResult, lim BulkLimits) [][2]int {
	var spans [][2]int
	if lim.MaxPayloadSize <= 0 {
		for start := 0; start < len(results); start += lim.MaxOperations {
			spans = append(spans, [2]int{start, min(start+lim.MaxOperations, len(results))})
		}
		return spans
	}
	envelope, _ := json.Marshal(BulkRequest{Schemas: []string{SchemaBulkRequest}, Operations: []BulkOperation{}})
	start, size := 0, len(envelope)
	for i := range results {
		n := len(envelope) + 1 // unknown size: let the server judge
		if raw, err := json.Marshal(results[i].Operation); err == nil {
			n = len(raw)
		}
		if len(envelope)+n > lim.MaxPayloadSize {
			if start < i {
				spans = append(spans, [2]int{start, i})
			}
			results[i].Err = fmt.Errorf("%w (%d bytes with the envelope, limit %d): %s %s (bulkId %s)", ErrBulkOperationTooLarge,
				len(envelope)+n, lim.MaxPayloadSize, results[i].Operation.Method, results[i].Operation.Path, results[i].Operation.BulkID)
			spans = append(spans, [2]int{i, i + 1})
			start, size = i+1, len(envelope)
			continue
		}
		add := n
		if i > start {
			add++ // the comma
		}
		if i > start && (i-start >= lim.MaxOperations || size+add > lim.MaxPayloadSize) {
			spans = append(spans, [2]int{start, i})
			start, size, add = i, len(envelope), n
		}
		size += add
	}
	if start < len(results) {
		spans = append(spans, [2]int{start, len(results)})
	}
	return spans
}

func (b *BulkService) send(ctx context.Context, chunk []BulkResult) error {
	req := BulkRequest{Schemas: []string{SchemaBulkRequest}, Operations: make([]BulkOperation, len(chunk))}
	byID := make(map[string]*BulkResult, len(chunk))
	for i := range chunk {
		req.Operations[i] = chunk[i].Operation
		byID[chunk[i].Operation.BulkID] = &chunk[i]
	}
	var resp BulkResponse
	path := b.t.path("Bulk")
	if _, err := b.t.do(ctx, http.MethodPost, path, nil, nil, &req, &resp); err != nil {
		return err
	}
	answered := make(map[string]bool, len(chunk))
	for i, ro := range resp.Operations {
		r := byID[ro.BulkID]
		if r == nil && ro.BulkID == "" && i < len(chunk) && !answered[chunk[i].Operation.BulkID] {
			r = &chunk[i] // a server that drops bulkId: match by position
		}
		if r == nil || answered[r.Operation.BulkID] {
			continue
		}
		answered[r.Operation.BulkID] = true
		r.Status, r.Location, r.Version = int(ro.Status), ro.Location, ro.Version
		if len(ro.Response) > 0 && string(ro.Response) != "null" {
			r.Response = ro.Response
		}
		if r.Status < 200 || r.Status > 299 {
			r.Err = operationError(r)
		}
	}
	for i := range chunk {
		if !answered[chunk[i].Operation.BulkID] {
			chunk[i].Err = fmt.Errorf("%w: %s %s (bulkId %s)", ErrBulkNoResult,
				chunk[i].Operation.Method, chunk[i].Operation.Path, chunk[i].Operation.BulkID)
		}
	}
	return nil
}

// operationError builds the typed error of a failed operation.
func operationError(r *BulkResult) error {
	e := &ias.Error{
		StatusCode: r.Status,
		Method:     r.Operation.Method,
		URL:        "bulk:" + r.Operation.Path,
		Body:       r.Response,
	}
	var body ErrorResponse
	if len(r.Response) > 0 && json.Unmarshal(r.Response, &body) == nil {
		e.Detail, e.SCIMType = body.Detail, body.SCIMType
	}
	if e.Detail == "" {
		e.Detail = "bulk operation " + r.Operation.BulkID + " failed"
	}
	return e
}
