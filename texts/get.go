package texts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-ias/ias"
)

// Get returns the tenant's overrides of resource type rt in locale
// (GET /service/resource?resourceType=...&locale=...[&setId=...]). Only
// overrides are returned, never SAP's defaults.
//
// A 404 means that the tenant has no overrides for that resource type and
// locale (documented: "proceed directly with POST"), so Get returns an
// empty, non-nil Texts and no error; callers that must tell the two apart
// compare the length with zero. Every other failure is an *ias.Error.
func (c *Client) Get(ctx context.Context, rt ResourceType, locale string) (Texts, error) {
	if err := c.check("get", rt, locale); err != nil {
		return nil, err
	}
	q := url.Values{"resourceType": {string(rt)}, "locale": {locale}}
	if c.set != DefaultSet {
		q.Set("setId", c.set)
	}
	var body []byte
	resp, err := c.c.Do(ctx, &ias.Request{
		Path:        []string{"service", "resource"},
		Query:       q,
		ContentType: "application/json",
		Accept:      "text/plain, application/json;q=0.9, */*;q=0.8",
	}, &body)
	if errors.Is(err, ias.ErrNotFound) {
		return Texts{}, nil
	}
	if err != nil {
		return nil, err
	}
	t, err := decodeTexts(body, rt, locale)
	if err != nil {
		return nil, fmt.Errorf("texts: get %s %s: %w: %w [request %s]", rt, locale, ias.ErrInvalidResponse, err, resp.RequestID)
	}
	return t, nil
}

// decodeTexts reads a GET answer. The format is not documented exactly
// (see docs/undocumented.md): properties text is expected; a JSON
// resource array or object (as POSTed), a JSON object of strings and the
// brace form "{k=v, k2=v2}" of SAP's master-data examples are accepted.
func decodeTexts(body []byte, rt ResourceType, locale string) (Texts, error) {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return Texts{}, nil
	case trimmed[0] == '[':
		var list []Resource
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, err
		}
		t := Texts{}
		for _, r := range list {
			if (r.ResourceType == "" || r.ResourceType == rt) && (r.Locale == "" || r.Locale == locale) {
				for k, v := range ParseProperties(r.Data) {
					t[k] = v
				}
			}
		}
		return t, nil
	case trimmed[0] == '{' && trimmed[len(trimmed)-1] == '}':
		var res Resource
		if json.Unmarshal(trimmed, &res) == nil && res.Data != "" {
			return ParseProperties(res.Data), nil
		}
		var m map[string]string
		if json.Unmarshal(trimmed, &m) == nil {
			return Texts(m), nil
		}
		if json.Valid(trimmed) {
			return nil, errors.New("JSON answer that is neither a resource nor an object of strings")
		}
		return parseBraces(string(trimmed[1 : len(trimmed)-1])), nil
	}
	return ParseProperties(string(body)), nil
}

// parseBraces reads "k=v, k2=v2" (a Java Map's text). A part without "="
// belongs to the previous value, which contained ", ".
func parseBraces(s string) Texts {
	t := Texts{}
	var last string
	for _, part := range strings.Split(s, ", ") {
		k, v, ok := strings.Cut(part, "=")
		if !ok && last != "" {
			t[last] += ", " + part
			continue
		}
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		t[k], last = v, k
	}
	return t
}
