package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// maxStdinIDs bounds how many ids a batch command reads from stdin.
const maxStdinIDs = 1_000_000

// batchHelp is the part of a batch command's help about "-" and
// --continue-on-error.
const batchHelp = `An ID of "-" reads the ids from stdin, one per line (blank lines are
skipped), so that a list can be piped in. Without --continue-on-error the
command stops at the first failure (with its exit code); with it, every id is
tried, each failure is reported on stderr, and the exit code is the highest
of the failures' codes.`

// batch is a command that applies one call to many ids.
type batch struct {
	continueOnError bool
}

// add registers --continue-on-error on cmd.
func (b *batch) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&b.continueOnError, "continue-on-error", false, "go on past failures, report each, exit with the highest failure's code")
}

// ids expands the arguments: "-" is replaced by the ids on stdin.
func (a *app) batchIDs(args []string) ([]string, error) {
	var ids []string
	stdinUsed := false
	for _, arg := range args {
		if arg != "-" {
			ids = append(ids, arg)
			continue
		}
		if stdinUsed {
			return nil, usagef(`"-" (ids from stdin) may be given only once`)
		}
		stdinUsed = true
		sc := bufio.NewScanner(a.in)
		for sc.Scan() {
			if id := strings.TrimSpace(sc.Text()); id != "" {
				if len(ids) >= maxStdinIDs {
					return nil, usagef("more than %d ids on stdin", maxStdinIDs)
				}
				ids = append(ids, id)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading ids from stdin: %w", err)
		}
	}
	if len(ids) == 0 {
		return nil, usagef("no ids (stdin was empty)")
	}
	return ids, nil
}

// run calls do for each id; done is the past tense for the diagnostics
// ("deleted user"). A cancelled context stops the loop in any case.
func (b *batch) run(ctx context.Context, a *app, ids []string, done string, do func(id string) error) error {
	var worst error
	worstCode, failed := 0, 0
	prog := a.progress(len(ids), done)
	defer prog.close()
	for i, id := range ids {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: %d of %d done", errInterrupted, i, len(ids))
		}
		err := do(id)
		prog.add(1)
		if err == nil {
			prog.clear()
			a.diag("%s %s", done, id)
			continue
		}
		if !b.continueOnError || errors.Is(err, context.Canceled) {
			if i > 0 {
				prog.close()
				fmt.Fprintf(a.errOut, "ias: stopped after %d of %d (%s); --continue-on-error goes on past failures\n", i, len(ids), done)
			}
			return err
		}
		failed++
		prog.clear()
		fmt.Fprintf(a.errOut, "ias: %s: %s\n", id, strings.TrimPrefix(oneLine(err), "ias: "))
		if c := exitCode(err); c > worstCode {
			worst, worstCode = err, c
		}
	}
	if worst != nil {
		return &exitError{code: worstCode, err: fmt.Errorf("%d of %d failed; the worst: %s", failed, len(ids), strings.TrimPrefix(oneLine(worst), "ias: "))}
	}
	return nil
}

// oneLine is err's message on one line.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// batchDeleteCmd builds a delete command of the configuration APIs. names
// are its arguments: all but the last are fixed (APP_ID) and passed to
// open, the last is the ids. open makes the client and returns its delete
// call; arguments the SDK refuses are usage errors.
func (a *app) batchDeleteCmd(short, example, done string, names []string, open func(lead []string) (func(context.Context, string) error, error)) *cobra.Command {
	var b batch
	lead := len(names) - 1
	use := "delete " + strings.Join(names, " ") + "..."
	cmd := &cobra.Command{Use: use, Short: short, Long: short + ".\n\n" + batchHelp, Example: example, Args: minArgs(names...)}
	b.add(cmd)
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		ids, err := a.batchIDs(args[lead:])
		if err != nil {
			return err
		}
		del, err := open(args[:lead])
		if err != nil {
			return err
		}
		return b.run(ctx, a, ids, done, func(id string) error {
			return configUsage(del(ctx, id))
		})
	})
	return cmd
}
