package iastest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Difference is one way in which an answer of the sandbox differs in shape
// from the recorded answer of IAS.
type Difference struct {
	// Exchange is the 1-based position of the exchange in the recording.
	Exchange int `json:"exchange"`
	// Request is the recorded request, "GET /scim/Users/{id}" (ids as {id}).
	Request string `json:"request"`
	// Where names what differs: "status", a header such as "header ETag",
	// or a JSON path in the body such as "body.meta.version".
	Where string `json:"where"`
	// IAS and Sandbox describe the two sides (a type, a header class, a
	// status, or "absent").
	IAS     string `json:"ias"`
	Sandbox string `json:"sandbox"`
}

// String formats d as one line.
func (d Difference) String() string {
	return fmt.Sprintf("#%d %s: %s: IAS %s, sandbox %s", d.Exchange, d.Request, d.Where, d.IAS, d.Sandbox)
}

// comparedHeaders are the response headers compared by class.
var comparedHeaders = []string{"Content-Type", "Content-Encoding", "ETag", "Location", "Vary", "X-Message-Code", "Allow"}

// compareShapes lists how got differs from want: status, header classes,
// and the body's key sets and JSON types, recursively. Values are not
// compared, except the "schemas" lists; list elements that carry an id are
// paired by id (ids of want mapped by idMap), other arrays by position.
func compareShapes(want, got RecordedMessage, idMap func(string) string) []Difference {
	var out []Difference
	add := func(where, w, g string) { out = append(out, Difference{Where: where, IAS: w, Sandbox: g}) }
	if want.Status != got.Status {
		add("status", fmt.Sprint(want.Status), fmt.Sprint(got.Status))
	}
	for _, h := range comparedHeaders {
		if want.BodyOmitted && want.Header[h] == "" && (h == "Content-Type" || h == "Content-Encoding") {
			continue // what describes an unknown body is unknown too
		}
		if w, g := headerClass(h, want.Header[h]), headerClass(h, got.Header[h]); w != g {
			add("header "+h, w, g)
		}
	}
	wb, gb := want.bodyBytes(), got.bodyBytes()
	switch {
	case want.BodyOmitted:
	case len(want.Body) > 0 && len(got.Body) > 0:
		var wv, gv any
		if decodeJSON(want.Body, &wv) != nil || decodeJSON(got.Body, &gv) != nil {
			add("body", "JSON", "JSON that does not decode")
			break
		}
		compareValues("body", wv, gv, idMap, add)
	case len(bytes.TrimSpace(wb)) == 0 && len(bytes.TrimSpace(gb)) == 0:
	default:
		if w, g := bodyClass(want), bodyClass(got); w != g {
			add("body", w, g)
		}
	}
	return out
}

// bodyClass names the kind of a body: absent, JSON or text.
func bodyClass(m RecordedMessage) string {
	switch {
	case len(m.Body) > 0:
		return "JSON"
	case strings.TrimSpace(m.Text) != "":
		return "text"
	}
	return "absent"
}

// headerClass reduces a header value to what its shape is: an ETag's form,
// a Location's path with ids as {id}, a media type; the other compared
// headers are compared as they are.
func headerClass(name, v string) string {
	if v == "" {
		return "absent"
	}
	switch name {
	case "ETag":
		weak := strings.HasPrefix(v, "W/")
		v = strings.TrimPrefix(v, "W/")
		class := `"<version>"`
		switch {
		case !strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`):
			class = "unquoted"
		case strings.HasSuffix(v, `-gzip"`):
			class = `"<version>-gzip"`
		}
		if weak {
			class = "W/" + class
		}
		return class
	case "Location":
		u, err := url.Parse(v)
		if err != nil {
			return "unparsable"
		}
		kind := "absolute URL "
		if !u.IsAbs() {
			kind = "relative URL "
		}
		p := u.EscapedPath()
		p = uuidAnyRe.ReplaceAllString(p, "{id}")
		return kind + p
	case "Content-Type":
		mt, _, err := mime.ParseMediaType(v)
		if err != nil {
			return v
		}
		return mt
	case "Vary", "Allow":
		parts := strings.Split(strings.ReplaceAll(v, " ", ""), ",")
		sort.Strings(parts)
		return strings.Join(parts, ",")
	}
	return v
}

// jsonType names the JSON type of a decoded value.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

// compareValues compares the shapes of w (recorded) and g (sandbox) at path.
func compareValues(path string, w, g any, idMap func(string) string, add func(where, w, g string)) {
	if wt, gt := jsonType(w), jsonType(g); wt != gt {
		add(path, wt, gt)
		return
	}
	switch wv := w.(type) {
	case map[string]any:
		gv := g.(map[string]any)
		keys := make([]string, 0, len(wv)+len(gv))
		for k := range wv {
			keys = append(keys, k)
		}
		for k := range gv {
			if _, ok := wv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			x, inW := wv[k]
			y, inG := gv[k]
			sub := path + "." + k
			switch {
			case !inG:
				add(sub, jsonType(x), "absent")
			case !inW:
				add(sub, "absent", jsonType(y))
			case k == "schemas":
				compareSchemaLists(sub, x, y, add)
			default:
				compareValues(sub, x, y, idMap, add)
			}
		}
	case []any:
		compareArrays(path, wv, g.([]any), idMap, add)
	}
}

// compareSchemaLists compares two "schemas" lists as sets of URNs.
func compareSchemaLists(path string, w, g any, add func(where, w, g string)) {
	ws, _ := stringList(w)
	gs, _ := stringList(g)
	ws, gs = slices.Sorted(slices.Values(ws)), slices.Sorted(slices.Values(gs))
	if !slices.Equal(ws, gs) {
		add(path, strings.Join(ws, " "), strings.Join(gs, " "))
	}
}

// pairingKeys are the members by which array elements are paired, in
// this order of preference: a list's resources by id, attribute
// definitions by name, Bulk operations by bulkId.
var pairingKeys = []string{"id", "name", "bulkId"}

// compareArrays pairs elements by the first of pairingKeys that every
// element of both arrays carries (ids mapped by idMap); an element without
// a partner is data, not shape, and the path names its recorded position.
// Other arrays are compared element by element. An empty array against a
// non-empty one differs.
func compareArrays(path string, w, g []any, idMap func(string) string, add func(where, w, g string)) {
	if (len(w) == 0) != (len(g) == 0) {
		add(path, fmt.Sprintf("%d elements", len(w)), fmt.Sprintf("%d elements", len(g)))
		return
	}
	for _, key := range pairingKeys {
		byKey := elementsBy(g, key)
		if byKey == nil || elementsBy(w, key) == nil {
			continue
		}
		for i, x := range w {
			if y, ok := byKey[idMap(x.(map[string]any)[key].(string))]; ok {
				compareValues(fmt.Sprintf("%s[%d]", path, i), x, y, idMap, add)
			}
		}
		return
	}
	for i := range min(len(w), len(g)) {
		compareValues(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], idMap, add)
	}
}

// elementsBy indexes the elements of a by their string member key, nil
// when one of them has none.
func elementsBy(a []any, key string) map[string]any {
	out := map[string]any{}
	for _, x := range a {
		m, ok := x.(map[string]any)
		v, _ := m[key].(string)
		if !ok || v == "" {
			return nil
		}
		out[v] = x
	}
	return out
}
