package main

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-ias/ias/internal/redistest"
)

func TestMain(m *testing.M) {
	if spec := os.Getenv(fleetWorkerEnv); spec != "" { // a fleet process started by a test
		if err := fleetWorker(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	goleak.VerifyTestMain(m)
}

// TestPacedRunHasNoLockouts runs a small throttle job on a fast clock: the
// paced client never trips IAS's delay band or 429 lock-out, whatever the
// machine's speed. (How close it comes to the ideal pace is measured by
// the program itself, not asserted here.)
func TestPacedRunHasNoLockouts(t *testing.T) {
	paced := throttleRun(60, 400, 16, true)
	t.Logf("paced: %+v", paced)
	if paced.lockouts != 0 || paced.tooMany != 0 || paced.failed != 0 {
		t.Errorf("paced: %+v", paced)
	}
}

// TestUnpacedRunTripsTheLockout: without pacing the same kind of job does
// trip the lock-out. The clock runs only 10 times faster here, so that even
// a slow, loaded machine sends more than 280 requests in a simulated minute.
func TestUnpacedRunTripsTheLockout(t *testing.T) {
	unpaced := throttleRun(10, 320, 16, false)
	t.Logf("unpaced: %+v", unpaced)
	if unpaced.lockouts == 0 || unpaced.tooMany == 0 {
		t.Errorf("unpaced run never tripped the lock-out: %+v", unpaced)
	}
}

func TestOutageBudgetCapsRequestsPerCall(t *testing.T) {
	_, next := outageRun(600, 200, 8, "ias (retry budget)")
	if next > 1.2 {
		t.Errorf("with the budget drained: %.2f requests per call, want ≤ 1.2", next)
	}
	_, next = outageRun(600, 50, 8, "go-retryablehttp defaults")
	if next != 5 {
		t.Errorf("go-retryablehttp defaults: %.2f requests per call, want 5", next)
	}
}

// TestFleetSharingTheBudgetHasNoLockouts: four processes that share the
// tenant's budget through Redis never trip IAS's lock-out and lose no
// create.
func TestFleetSharingTheBudgetHasNoLockouts(t *testing.T) {
	rs := redistest.Start(t)
	r, err := fleetRun(30, 4, 100, 4, rs.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("shared: %+v", r)
	if r.throttle.LockOuts != 0 || r.throttle.Rejected != 0 || r.failed != 0 || r.ok != 400 {
		t.Errorf("shared budget: %+v", r)
	}
}

// TestFleetPacingPerProcessTripsTheLockout: the same four processes, each
// pacing only itself, together exceed the tenant's budget. The clock runs
// only 10 times faster, so that a slow machine still sends enough.
func TestFleetPacingPerProcessTripsTheLockout(t *testing.T) {
	r, err := fleetRun(10, 4, 100, 8, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("per process: %+v", r)
	if r.throttle.LockOuts == 0 {
		t.Errorf("per-process pacing never tripped the lock-out: %+v", r)
	}
}
