// Command ias is a command-line client for SAP Cloud Identity Services –
// Identity Authentication (IAS), built on the go-ias SDK. It is meant for
// scripts: on-boarding and clean-up jobs, audits and CI checks.
//
// Every API of the SDK has a command (ias users list, ias groups members
// add, ias password verify, ias texts set, ...), and ias api sends any
// request through the same pipeline (credentials, retries, token refresh,
// typed errors). Results are JSON on stdout (NDJSON with --all, filtered
// with --jq, a table with -o table), diagnostics go to stderr, and the
// exit code tells the class of a failure (see ias --help).
//
// Configuration comes from the environment (IAS_TENANT_URL, IAS_CLIENT_ID,
// IAS_CLIENT_SECRET or IAS_CLIENT_SECRET_FILE, IAS_CLIENT_CERT and
// IAS_CLIENT_KEY) or from a profile of the user's configuration file
// (--profile, IAS_PROFILE, ias config); secrets are never accepted on the
// command line, nor kept in that file.
// --sandbox runs any command against an in-process iastest tenant with demo
// data, and ias sandbox serve runs that tenant in the foreground:
//
//	go run ./cmd/ias --sandbox users list -o table
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first Ctrl-C asks the command to stop cleanly (an import
		// finishes the chunk in flight and says where to resume); the
		// second one ends the process at once.
		<-sigs
		cancel()
		<-sigs
		fmt.Fprintln(os.Stderr, "ias: interrupted again; exiting now")
		os.Exit(exitInterrupted)
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	cancel()
	os.Exit(code)
}
