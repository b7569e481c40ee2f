package iastest

import (
	"net"
	"net/http"
	"strings"
	"time"
)

type throttleDecision int

const (
	throttleNone throttleDecision = iota
	throttleDelay
	throttleReject
)

// throttleState keeps the per-tenant request windows.
type throttleState struct {
	scim        []time.Time
	scimBlocked time.Time
	oauth       []time.Time
	inFlight    map[string]int // requests being served, per client IP
	stats       ThrottleStats
}

// ThrottleStats counts what the throttle model (WithThrottle) did to SCIM
// requests since the server started.
type ThrottleStats struct {
	// Served, Delayed and Rejected count SCIM requests served at once,
	// delayed (the 201st to 280th in a minute), and answered 429 (in a
	// lock-out, or beyond the requests in flight one IP may have).
	Served, Delayed, Rejected int
	// LockOuts counts the 60-second lock-outs: how often a 281st request
	// in a minute shut SCIM for everyone.
	LockOuts int
}

// ThrottleStats returns the throttle model's counts so far.
func (s *Server) ThrottleStats() ThrottleStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.thr.stats
}

const (
	scimServed  = 200
	scimDelayed = 280
	oauthLimit  = 1000
	// perIPLimit is IAS's limit of concurrent requests from one IP address
	// (SAP: "50 concurrent requests per second", per originating IP).
	perIPLimit = 50
)

// prune drops timestamps older than a minute.
func prune(ts []time.Time, now time.Time) []time.Time {
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	return ts[i:]
}

// throttle applies IAS's documented limits on the server clock: SCIM (both
// APIs together) up to 200 requests a minute served, 201–280 delayed, the
// 281st and everything for the next 60 s rejected; /oauth2 1000 a minute.
func (s *Server) throttle(r *http.Request) throttleDecision {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	t := &s.thr
	switch {
	case isSCIMPath(r.URL.Path):
		if now.Before(t.scimBlocked) {
			t.stats.Rejected++
			return throttleReject
		}
		t.scim = prune(t.scim, now)
		if len(t.scim)+1 > scimDelayed {
			t.scimBlocked = now.Add(time.Minute)
			t.scim = nil
			t.stats.Rejected++
			t.stats.LockOuts++
			return throttleReject
		}
		t.scim = append(t.scim, now)
		if len(t.scim) > scimServed {
			t.stats.Delayed++
			return throttleDelay
		}
		t.stats.Served++
	case strings.HasPrefix(r.URL.Path, "/oauth2/"):
		t.oauth = prune(t.oauth, now)
		if len(t.oauth) >= oauthLimit {
			return throttleReject
		}
		t.oauth = append(t.oauth, now)
	}
	return throttleNone
}

// enterIP admits a request unless perIPLimit requests from its IP address
// are being served; an admitted request must be followed by leaveIP.
func (s *Server) enterIP(r *http.Request) (ip string, ok bool) {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.thr.inFlight == nil {
		s.thr.inFlight = map[string]int{}
	}
	if s.thr.inFlight[ip] >= perIPLimit {
		if isSCIMPath(r.URL.Path) {
			s.thr.stats.Rejected++
		}
		return ip, false
	}
	s.thr.inFlight[ip]++
	return ip, true
}

// leaveIP ends a request admitted by enterIP.
func (s *Server) leaveIP(ip string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.thr.inFlight[ip]--; s.thr.inFlight[ip] <= 0 {
		delete(s.thr.inFlight, ip)
	}
}

func (s *Server) tooManyRequests(w http.ResponseWriter, r *http.Request) {
	if isSCIMPath(r.URL.Path) {
		scimError(w, http.StatusTooManyRequests, "", "Too Many Requests")
		return
	}
	oauthError(w, http.StatusTooManyRequests, "too_many_requests", "Too Many Requests")
}
