package chaos_test

import (
	"flag"
	"testing"
)

var (
	figureCalls   = flag.Int("chaos.calls", 10000, "calls in BenchmarkChaosFigure")
	figureWorkers = flag.Int("chaos.workers", 32, "goroutines in BenchmarkChaosFigure")
	figureRate    = flag.Float64("chaos.faults", 0.12, "share of requests that meet a fault in BenchmarkChaosFigure")
)

// checkFigures fails tb for every broken promise of the figure.
func checkFigures(tb testing.TB, f figures) {
	tb.Helper()
	tb.Log("\n" + f.report())
	for _, c := range []struct {
		what string
		n    int
	}{
		{"silent creates", f.silent}, {"duplicates", f.duplicates}, {"lost writes", f.lost}, {"hangs", f.hangs},
		{"untyped errors", f.untyped}, {"silent patches", f.silentPatches}, {"lost patches", f.lostPatches},
		{"lost deletes", f.lostDeletes}, {"leaked secrets", len(f.secretsLeaked)},
	} {
		if c.n != 0 {
			tb.Errorf("%s: %d, want 0", c.what, c.n)
		}
	}
	if f.goroutinesAfter > f.goroutinesBefore {
		tb.Errorf("goroutines %d after the run, %d before", f.goroutinesAfter, f.goroutinesBefore)
	}
	if f.fdsAfter > f.fdsBefore {
		tb.Errorf("file descriptors %d after the run, %d before", f.fdsAfter, f.fdsBefore)
	}
}

// TestChaosFigure is the figure's short run.
func TestChaosFigure(t *testing.T) {
	checkFigures(t, runFigure(figureConfig{calls: 400, workers: 16, faultRate: 0.12, lateShare: 0.05, seed: 1}))
}

// BenchmarkChaosFigure is the long run the README quotes: by default
// 10,000 calls from 32 goroutines, every fault of the menu.
//
//	nice -n 10 go test -run '^$' -bench ChaosFigure -benchtime 1x -timeout 60m ./tests/chaos
func BenchmarkChaosFigure(b *testing.B) {
	for i := 0; i < b.N; i++ {
		f := runFigure(figureConfig{calls: *figureCalls, workers: *figureWorkers, faultRate: *figureRate, lateShare: 0.05, seed: uint64(i + 1)})
		b.ReportMetric(float64(f.silent), "silent-creates")
		b.ReportMetric(float64(f.duplicates), "duplicates")
		b.ReportMetric(float64(f.lost), "lost-writes")
		b.ReportMetric(float64(f.hangs), "hangs")
		b.ReportMetric(float64(f.falseAlarms), "false-alarms")
		b.ReportMetric(0, "ns/op")
		checkFigures(b, f)
	}
}
