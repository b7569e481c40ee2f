package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/go-ias/ias/iastest"
	"github.com/spf13/cobra"
)

// sandboxInfo is what sandbox serve prints on stdout: everything a
// developer needs to log on to the demo tenant.
type sandboxInfo struct {
	URL          string `json:"url"`
	TokenURL     string `json:"tokenUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
	// UserPassword is the password of every demo user that has one.
	UserPassword string     `json:"userPassword"`
	Users        []demoUser `json:"users"`
}

// demoUser is one of the sandbox's demo users as sandbox serve describes it.
type demoUser struct {
	UserName   string `json:"userName"`
	Email      string `json:"email"`
	Note       string `json:"note"`
	TOTPSecret string `json:"totpSecret,omitempty"`
}

// demoUsers describes the users iastest.WithDemoData seeds (a test checks
// that they match).
var demoUsers = []demoUser{
	{"alice", "alice@example.com", "active; the password above; member of Administrators and Developers", ""},
	{"bob", "bob@example.com", "active; the password above and a TOTP code (password verify --totp)", iastest.DemoTOTPSecret},
	{"carol", "carol@example.com", "inactive (password verify fails)", ""},
	{"dave", "dave@example.com", "new: no password yet", ""},
	{"erin", "erin@example.com", "password locked", ""},
}

// sandboxReady, when set by a test, is called with the running server.
var sandboxReady func(*iastest.Server)

// sandboxCmd builds its command.
func (a *app) sandboxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "A local, in-memory IAS tenant with demo data (iastest)",
		Long: `The sandbox is an in-memory IAS tenant (package iastest) seeded with demo
users, groups and a custom schema. Add --sandbox to any command to run it
against a fresh sandbox in-process; ias sandbox serve keeps one running for
applications in other languages.`,
	}
	var addr string
	var throttle bool
	serve := &cobra.Command{
		Use:   "serve",
		Short: "Run the sandbox tenant in the foreground and print its URL and credentials",
		Long: `Run the sandbox tenant in the foreground until Ctrl-C. Its URL, its client
credentials and its demo users, with their password (the same for all: ` + iastest.DemoPassword + `),
are printed on stdout as one JSON document; the client credentials also as
shell export lines on stderr. It speaks plain http on a loopback address, as
the SDK allows only there. The data lives in memory and is gone when it stops.`,
		Example: `  ias sandbox serve --addr 127.0.0.1:8443`,
		Args:    cobra.NoArgs,
	}
	serve.Flags().StringVar(&addr, "addr", "127.0.0.1:8443", "loopback address to listen on (port 0: any free port)")
	serve.Flags().BoolVar(&throttle, "throttle", false, "apply IAS's SCIM throttling in real time (200/min served, 201-280 delayed 1s, then 429 for 60s); report it on stop")
	serve.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) (err error) {
		if a.sandbox || a.tenant != "" {
			return usagef("sandbox serve takes neither --sandbox nor --tenant")
		}
		if err := checkLoopback(addr); err != nil {
			return err
		}
		p, err := a.printer(ctx, nil)
		if err != nil {
			return err
		}
		srv, err := startSandbox(addr, throttle)
		if err != nil {
			return err
		}
		defer srv.Close()
		info := sandboxInfo{URL: srv.URL, TokenURL: srv.URL + "/oauth2/token", ClientID: srv.ClientID, ClientSecret: srv.ClientSecret,
			UserPassword: iastest.DemoPassword, Users: demoUsers}
		if err := printDoc(p, info); err != nil {
			return err
		}
		fmt.Fprintf(a.errOut, "ias: sandbox tenant running at %s; stop it with Ctrl-C. For the CLI or your app:\n"+
			"export IAS_TENANT_URL=%s\nexport IAS_CLIENT_ID=%s\nexport IAS_CLIENT_SECRET=%s\n"+
			"ias: demo users alice, bob, carol, dave and erin (user name or e-mail <name>@example.com), password %s; bob's TOTP secret %s\n",
			srv.URL, srv.URL, srv.ClientID, srv.ClientSecret, iastest.DemoPassword, iastest.DemoTOTPSecret)
		if sandboxReady != nil {
			sandboxReady(srv)
		}
		<-ctx.Done()
		fmt.Fprintln(a.errOut, "ias: sandbox stopped")
		if throttle {
			reportThrottle(a.errOut, srv.ThrottleStats())
		}
		return nil
	})
	cmd.AddCommand(serve, a.sandboxVerifyCmd())
	return cmd
}

// checkLoopback refuses addresses other than loopback ones: the sandbox
// speaks plain http with printed credentials, and the SDK accepts plain
// http only for loopback tenants anyway.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return usagef("--addr %q: the sandbox listens on loopback addresses only, such as 127.0.0.1:8443", addr)
	}
	return nil
}

// startSandbox starts the demo tenant on addr; iastest panics when it
// cannot listen, which becomes an error here.
func startSandbox(addr string, throttle bool) (srv *iastest.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("sandbox: %v", r)
		}
	}()
	return iastest.NewServer(iastest.WithDemoData(), iastest.WithAddr(addr), iastest.WithThrottle(throttle)), nil
}

// reportThrottle prints what the throttle model did, for trying several
// processes against one sandbox tenant (with and without --redis-url).
func reportThrottle(w io.Writer, st iastest.ThrottleStats) {
	fmt.Fprintf(w, "ias: SCIM throttle: %d served, %d delayed, %d answered 429, %d lock-outs\n",
		st.Served, st.Delayed, st.Rejected, st.LockOuts)
}
