package idps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-ias/ias/internal/adminapi"
)

// ErrNotYetVisible is returned by WaitPatched when the context ends before
// a read shows the patched values. The PATCH itself succeeded: IAS commits
// it at once, only its reads lag.
var ErrNotYetVisible = errors.New("idps: patched values not yet visible")

// DefaultWaitTimeout bounds WaitPatched when the context has no deadline.
// IAS was seen to show a PATCH up to about 20 seconds late.
const DefaultWaitTimeout = 2 * time.Minute

// waitBound is DefaultWaitTimeout; a test shortens it to see that a wait
// without deadline ends.
var waitBound = DefaultWaitTimeout

// WaitPatched reads the identity provider every interval (0 means 5
// seconds) until it shows what the add and replace
// operations ops wrote, and returns that state. It waits no longer than
// ctx allows, or DefaultWaitTimeout without a deadline; then it returns
// the last state read and an error matching ErrNotYetVisible and the
// context's error. remove operations and the write-only
// /oidcConfiguration/clientSecret are not checked; lists are compared
// regardless of order, and an absent member counts as empty.
//
// It is a wait the caller asks for: Patch itself never polls.
func (c *Client) WaitPatched(ctx context.Context, id string, interval time.Duration, ops ...PatchOperation) (*IdentityProvider, error) {
	if interval <= 0 {
		interval = 5 * time.Second
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, waitBound)
		defer cancel()
	}
	writeOnly := func(path string) bool { return path == "/oidcConfiguration/clientSecret" }
	var last *IdentityProvider
	for reads := 1; ; reads++ {
		p, err := c.Get(ctx, id)
		if err != nil {
			if last != nil && ctx.Err() != nil { // the wait ran out during a read
				return last, fmt.Errorf("%w after %d reads: %w", ErrNotYetVisible, reads-1, context.Cause(ctx))
			}
			return nil, err
		}
		last = p
		doc, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		ok, err := adminapi.Visible(doc, ops, writeOnly)
		if err != nil {
			return nil, fmt.Errorf("idps: %w", err)
		}
		if ok {
			return p, nil
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return p, fmt.Errorf("%w after %d reads: %w", ErrNotYetVisible, reads, context.Cause(ctx))
		case <-t.C:
		}
	}
}
