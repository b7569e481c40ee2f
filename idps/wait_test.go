package idps

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/go-ias/ias/internal/tenanttest"
)

// TestWaitPatchedBounded: with a context that has no deadline, a wait for
// values that never show still ends, with ErrNotYetVisible and the last
// state read.
func TestWaitPatchedBounded(t *testing.T) {
	c, _ := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write([]byte(`{"id":"043720a1-ad6a-4a2e-90e8-d10961dcd68a","displayName":"old"}`))
	})
	defer func(d time.Duration) { waitBound = d }(waitBound)
	// Long enough for the first read to finish on a loaded machine (the
	// test wants the last state read), short enough to keep the test quick.
	waitBound = 500 * time.Millisecond
	got, err := New(c).WaitPatched(context.Background(), "043720a1-ad6a-4a2e-90e8-d10961dcd68a", time.Millisecond,
		Replace("/displayName", "new"))
	if !errors.Is(err, ErrNotYetVisible) || !errors.Is(err, context.DeadlineExceeded) || got == nil || got.DisplayName != "old" {
		t.Fatal(got, err)
	}
}

// TestCreateSendsNoIDOrMeta: the read-only id and meta of the caller's
// value are not sent, and the value itself is left as it was.
func TestCreateSendsNoIDOrMeta(t *testing.T) {
	c, tenant := tenanttest.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/IdentityProviders/v1/043720a1-ad6a-4a2e-90e8-d10961dcd68a")
		w.WriteHeader(http.StatusCreated)
	})
	p := &IdentityProvider{ID: "old", Meta: &Meta{CreatedBy: "P000001"}, DisplayName: "Copy"}
	id, err := New(c).Create(context.Background(), p)
	if err != nil || id != "043720a1-ad6a-4a2e-90e8-d10961dcd68a" {
		t.Fatal(id, err)
	}
	reqs := tenant.Requests()
	if reqs[0].Method != http.MethodPost || reqs[0].Path != "/IdentityProviders/v1/" {
		t.Fatal(reqs[0].Method, reqs[0].Path)
	}
	tenanttest.SameJSON(t, []byte(`{"displayName":"Copy"}`), reqs[0].Body)
	if p.ID != "old" || p.Meta == nil {
		t.Fatal("Create changed the caller's value")
	}
}
