package main

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestPacedRunHasNoLockouts runs a small throttle job on a fast clock: the
// paced client must never trip IAS's 429 lock-out and must stay near the
// ideal pace, while the unpaced one does trip it.
func TestPacedRunHasNoLockouts(t *testing.T) {
	if testing.Short() {
		t.Skip("load scenario")
	}
	paced := throttleRun(60, 400, 16, true)
	if paced.lockouts != 0 || paced.tooMany != 0 || paced.failed != 0 {
		t.Errorf("paced: %+v", paced)
	}
	if paced.ratio > 1.2 {
		t.Errorf("paced run took %.2f× the ideal pace", paced.ratio)
	}
	unpaced := throttleRun(60, 400, 16, false)
	if unpaced.lockouts == 0 {
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
