package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/go-ias/ias/iastest"
	"github.com/spf13/cobra"
)

// verifyColumns are the table columns of sandbox verify.
var verifyColumns = []column{
	{"EXCHANGE", field("exchange")},
	{"REQUEST", field("request")},
	{"WHERE", field("where")},
	{"IAS", field("ias")},
	{"SANDBOX", field("sandbox")},
}

// sandboxVerifyCmd builds `ias sandbox verify FILE`.
func (a *app) sandboxVerifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify FILE",
		Short: "Replay a recording of a real tenant against the sandbox and print every shape difference",
		Long: `Replay the exchanges of FILE (written by ias --record FILE against a real
tenant, or any file in the same JSONL format; - reads stdin) against a
fresh, empty sandbox tenant, and print every way its answers differ in
shape from the recorded ones: status, the form of ETag, Location and
Content-Type, and the keys and JSON types of the bodies. Values are not
compared. Each difference is one JSON line on stdout (-o table for a
table); the exit code is 0 when there is none and 1 otherwise.`,
		Example: `  ias --record session.jsonl users list          # against your tenant
  ias sandbox verify session.jsonl -o table`,
		Args: exactArgs("FILE"),
	}
	cmd.RunE = a.runE(func(ctx context.Context, _ *cobra.Command, args []string) error {
		if a.sandbox || a.tenant != "" || a.record != "" {
			return usagef("sandbox verify takes neither --sandbox, --tenant nor --record")
		}
		p, err := a.printer(ctx, verifyColumns)
		if err != nil {
			return err
		}
		xs, err := a.readRecording(args[0])
		if err != nil {
			return err
		}
		srv := iastest.NewServer()
		defer srv.Close()
		diffs, err := srv.Replay(ctx, xs)
		if err != nil {
			return err
		}
		for _, d := range diffs {
			if err := p.item(d); err != nil {
				return err
			}
		}
		if err := p.flush(); err != nil {
			return err
		}
		if len(diffs) > 0 {
			differing := map[int]bool{}
			for _, d := range diffs {
				differing[d.Exchange] = true
			}
			return &exitError{code: exitOther, err: fmt.Errorf("%d shape difference(s) in %d of %d exchange(s)", len(diffs), len(differing), len(xs))}
		}
		a.diag("%d exchange(s) replayed, no shape difference", len(xs))
		return nil
	})
	return cmd
}

// readRecording reads a recording file ("-": stdin); a file that cannot
// be read or parsed is a usage error.
func (a *app) readRecording(name string) ([]iastest.Exchange, error) {
	var r io.Reader = a.in
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("%v", err)
		}
		defer f.Close()
		r = f
	}
	xs, err := iastest.ReadExchanges(r)
	if err != nil {
		return nil, usagef("%s: %v", name, err)
	}
	if len(xs) == 0 {
		return nil, usagef("%s: no exchanges", name)
	}
	return xs, nil
}
