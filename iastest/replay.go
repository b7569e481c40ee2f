package iastest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// replaySecret stands in for every redacted secret of a replayed request
// and is the password of the users Replay creates.
const replaySecret = "Replay-Secret-1"

// replayLogin is the user name Replay uses for the Password Service.
const replayLogin = "replay.user"

// Replay sends the recorded exchanges to s in order and returns every
// shape difference between the answers IAS gave and the ones s gives (see
// Exchange for the format, ReadExchanges to read a file). It is how a
// recording made against a real tenant measures the sandbox.
//
// Ids are translated as the replay goes: an id IAS answered with stands for
// the id s answered with at the same place. SCIM users and groups a
// request needs that the recording does not create (the user a recorded
// GET read, the groups of a recorded list, the members a request names),
// and the custom schemas their values use, are created in s first, as the
// first successful answer of the recording shows them (also when that
// answer comes later, as a GET after a PATCH); ids of a recorded failure
// are left unknown. Other resources (applications, identity providers, SP
// users, users of /service/scim) must be created by the recording itself.
// Requests are sent with s's credentials; redacted secrets are sent as a
// fixed password, except the code of a TOTP validation IAS accepted: its
// user gets a TOTP secret in s and the current code is sent.
// Use a server without demo data, so that lists compare like for like. The
// error is for what stops the replay (the context, an unreachable server);
// differences are not errors.
func (s *Server) Replay(ctx context.Context, exchanges []Exchange) ([]Difference, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if s.pki != nil {
		tr = s.Client().Transport.(*http.Transport).Clone()
	}
	defer tr.CloseIdleConnections()
	rp := &replayer{s: s, ids: map[string]string{}, client: &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	rp.views = recordedViews(exchanges)
	var out []Difference
	for i, x := range exchanges {
		got, err := rp.send(ctx, x)
		if err != nil {
			return out, fmt.Errorf("exchange %d (%s %s): %w", i+1, x.Request.Method, x.Request.Path, err)
		}
		label := x.Request.Method + " " + uuidAnyRe.ReplaceAllString(x.Request.Path, "{id}")
		for _, d := range compareShapes(x.Response, got, rp.mapID) {
			d.Exchange, d.Request = i+1, label
			out = append(out, d)
		}
		rp.bind(x.Response, got)
	}
	return out, nil
}

// replayer is the state of one Replay: the id translation and the client.
type replayer struct {
	s         *Server
	client    *http.Client
	ids       map[string]string         // recorded id → id in s
	loginUser bool                      // the Password Service's user exists
	views     map[string]map[string]any // recorded id → first representation the recording shows
}

// mapID translates a recorded id; unknown ids stay as they are.
func (rp *replayer) mapID(id string) string {
	if v, ok := rp.ids[strings.ToLower(id)]; ok {
		return v
	}
	return id
}

// mapText translates every id and the example origin in recorded text.
func (rp *replayer) mapText(t string) string {
	t = strings.ReplaceAll(t, ExampleOrigin, rp.s.URL)
	return uuidAnyRe.ReplaceAllStringFunc(t, rp.mapID)
}

// send replays one request and returns the answer as recorded.
func (rp *replayer) send(ctx context.Context, x Exchange) (RecordedMessage, error) {
	rq := x.Request
	rp.prime(x)
	u := rp.s.URL + rp.mapText(rq.Path)
	if rq.Query != "" {
		u += "?" + rp.mapText(rq.Query)
	}
	body := strings.ReplaceAll(rp.mapText(string(rq.bodyBytes())), redacted, replaySecret)
	if rq.Path == "/oauth2/token" {
		body = "grant_type=client_credentials"
	}
	if rq.Path == "/service/users/otp" && x.Response.Status < 300 {
		body = rp.validOTP(body)
	}
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, rq.Method, u, rd)
	if err != nil {
		return RecordedMessage{}, err
	}
	for k, v := range rq.Header {
		if k != "Authorization" {
			req.Header.Set(k, rp.mapText(v))
		}
	}
	if rq.Path == "/service/users/password" {
		rp.ensureLoginUser()
		req.SetBasicAuth(replayLogin, replaySecret)
	} else {
		req.SetBasicAuth(rp.s.ClientID, rp.s.ClientSecret)
	}
	res, err := rp.client.Do(req)
	if err != nil {
		return RecordedMessage{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, maxExchangeLine))
	if err != nil {
		return RecordedMessage{}, err
	}
	if strings.EqualFold(res.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return RecordedMessage{}, fmt.Errorf("gzip answer: %w", err)
		}
		if b, err = io.ReadAll(io.LimitReader(zr, maxExchangeLine)); err != nil {
			return RecordedMessage{}, fmt.Errorf("gzip answer: %w", err)
		}
	}
	got := RecordedMessage{Status: res.StatusCode, Header: keepHeaders(res.Header)}
	got.setBody(b)
	return got, nil
}

// bind learns the ids of s that stand for recorded ids: from Location,
// ETag and every place of the bodies where both sides hold an id.
func (rp *replayer) bind(want, got RecordedMessage) {
	for _, h := range []string{"Location", "ETag"} {
		w, g := uuidAnyRe.FindAllString(want.Header[h], -1), uuidAnyRe.FindAllString(got.Header[h], -1)
		for i := range min(len(w), len(g)) {
			rp.learn(w[i], g[i])
		}
	}
	var wv, gv any
	if decodeJSON(want.Body, &wv) == nil && decodeJSON(got.Body, &gv) == nil {
		rp.bindValues(wv, gv)
	}
}

func (rp *replayer) learn(recorded, actual string) {
	if _, ok := rp.ids[strings.ToLower(recorded)]; !ok {
		rp.ids[strings.ToLower(recorded)] = actual
	}
}

func (rp *replayer) bindValues(w, g any) {
	switch wv := w.(type) {
	case string:
		// an id, or a URL holding ids ($ref, a Bulk operation's location)
		gs, _ := g.(string)
		w, gids := uuidAnyRe.FindAllString(wv, -1), uuidAnyRe.FindAllString(gs, -1)
		if len(w) == len(gids) {
			for i := range w {
				rp.learn(w[i], gids[i])
			}
		}
	case map[string]any:
		gv, _ := g.(map[string]any)
		for k, x := range wv {
			if y, ok := gv[k]; ok {
				rp.bindValues(x, y)
			}
		}
	case []any:
		gv, _ := g.([]any)
		for i := range min(len(wv), len(gv)) {
			rp.bindValues(wv[i], gv[i])
		}
	}
}

var uuidFullRe = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
