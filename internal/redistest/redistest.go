// Package redistest runs a real redis-server for tests and benchmarks: on
// a free loopback port, without persistence, stopped by its PID. Tests
// skip without redis-server on PATH, except under CI=true, where a missing
// server fails them.
package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a redis-server this package started.
type Server struct {
	// Addr is host:port on loopback.
	Addr string
	// URL is redis://Addr, as --redis-url takes it.
	URL string
	cmd *exec.Cmd
}

// ErrNotInstalled is returned by Launch when redis-server is not on PATH.
var ErrNotInstalled = errors.New("redis-server not on PATH")

// Launch starts redis-server with its working files in dir and waits until
// it answers (at most 5s). The caller stops it with Stop.
func Launch(dir string) (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, ErrNotInstalled
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &Server{Addr: "127.0.0.1:" + strconv.Itoa(port)}
	s.URL = "redis://" + s.Addr
	s.cmd = exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir)
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	defer rdb.Close()
	for i := 0; ; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return s, nil
		}
		if i == 100 {
			s.Stop()
			return nil, fmt.Errorf("redis-server on %s did not answer: %w", s.Addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Start launches a server for t and stops it when t ends. Without
// redis-server on PATH it skips t, or fails it when CI=true.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Launch(t.TempDir())
	switch {
	case errors.Is(err, ErrNotInstalled) && os.Getenv("CI") != "true":
		t.Skip("redis-server not on PATH; install it to run the Redis tests")
	case errors.Is(err, ErrNotInstalled):
		t.Fatal("redis-server not on PATH (CI needs it: apt-get install redis-server)")
	case err != nil:
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Stop kills the server by its PID and reaps it; safe to call twice.
func (s *Server) Stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// Client returns a go-redis client for the server that does not retry
// (so that a stopped server shows at once), closed when t ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
