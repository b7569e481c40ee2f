package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressDelay is how long a job runs before it shows progress: short
// jobs stay quiet. Tests set it to zero.
var progressDelay = 2 * time.Second

// progress is a progress bar on stderr, with count, rate and ETA, for a job
// of total steps (-1: unknown, then count and rate). It appears only when
// stderr is a terminal, and only once the job has run for progressDelay,
// so that scripts and quick commands never see it. All methods are no-ops
// when it is not shown.
type progress struct {
	a       *app
	total   int
	desc    string
	enabled bool
	start   time.Time
	done    int
	bar     *progressbar.ProgressBar
}

// progress starts the progress of a job; desc says what a step does
// ("deleted user", "importing users").
func (a *app) progress(total int, desc string) *progress {
	return &progress{a: a, total: total, desc: desc, enabled: isTerminal(a.errOut.w), start: time.Now()}
}

// add counts n more steps done, and shows the bar once the delay is over.
func (p *progress) add(n int) {
	if !p.enabled {
		return
	}
	p.done += n
	if p.bar == nil {
		if time.Since(p.start) < progressDelay {
			return
		}
		p.bar = progressbar.NewOptions(p.total,
			progressbar.OptionSetWriter(p.a.errOut),
			progressbar.OptionSetDescription(p.desc),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			// No spinner ticker: it would be a goroutine outliving
			// the job when the total is unknown.
			progressbar.OptionSetSpinnerChangeInterval(0),
		)
		_ = p.bar.Add(p.done)
		return
	}
	_ = p.bar.Add(n)
}

// clear removes the bar from the terminal before a message is printed; it
// is drawn again on the next add.
func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// close removes the bar for good.
func (p *progress) close() {
	if p.bar != nil {
		_ = p.bar.Clear()
		_ = p.bar.Exit()
		p.bar = nil
	}
	p.enabled = false
}
