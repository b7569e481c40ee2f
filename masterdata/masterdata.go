package masterdata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/texts"
)

// List names one value list, as the last segment of /service/md/<list>.
type List string

// The lists SAP names for /service/md.
const (
	Salutations   List = "salutations"
	Functions     List = "functions"
	Departments   List = "departments"
	Relationships List = "relationships"
	Industries    List = "industries"
	TimeZones     List = "timezones"
	Languages     List = "languages"
	Countries     List = "countries"
)

// Lists returns every list SAP names for /service/md.
func Lists() []List {
	return []List{Salutations, Functions, Departments, Relationships, Industries, TimeZones, Languages, Countries}
}

// TextsType returns the texts resource type that holds the tenant's
// overrides of l; time zones have none.
func (l List) TextsType() (texts.ResourceType, bool) {
	rt, ok := map[List]texts.ResourceType{
		Salutations: texts.Salutations, Functions: texts.Functions, Departments: texts.Departments,
		Relationships: texts.Relationships, Industries: texts.Industries, Languages: texts.Languages,
		Countries: texts.Countries,
	}[l]
	return rt, ok
}

// ErrInvalidArgument is wrapped by the error of an argument that fails the
// checks done before sending; nothing is sent then.
var ErrInvalidArgument = errors.New("masterdata: invalid argument")

// Values is one list: key to label.
type Values map[string]string

// Keys returns the keys in sorted order.
func (v Values) Keys() []string { return slices.Sorted(maps.Keys(v)) }

// Label returns the label of key. Keys are compared as IAS compares
// master data values: an exact match first, then ignoring case.
func (v Values) Label(key string) (string, bool) {
	if l, ok := v[key]; ok {
		return l, true
	}
	for k, l := range v {
		if strings.EqualFold(k, key) {
			return l, true
		}
	}
	return "", false
}

// Client reads the value lists through the shared ias.Client. It is safe
// for concurrent use.
type Client struct{ c *ias.Client }

// New returns a Client on c.
func New(c *ias.Client) *Client { return &Client{c: c} }

var (
	segmentRe = regexp.MustCompile(`^[a-z]+$`)
	localeRe  = regexp.MustCompile(`^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?$`)
)

// Get reads list in locale ("de", "zh_CN"; "" for the tenant's default),
// sent as the locale query parameter. Lists other than the constants may
// be named ("states/us", from an older SAP page); an unknown list is
// ias.ErrNotFound. A JSON object of strings is expected; properties text
// (key=value lines) and the brace form {k=v, k2=v2} of SAP's examples are
// accepted too.
func (c *Client) Get(ctx context.Context, list List, locale string) (Values, error) {
	path := []string{"service", "md"}
	for seg := range strings.SplitSeq(string(list), "/") {
		if !segmentRe.MatchString(seg) {
			return nil, fmt.Errorf("%w: get %q: a list is lower-case letters, in segments separated by /", ErrInvalidArgument, string(list))
		}
		path = append(path, seg)
	}
	q := url.Values{}
	if locale != "" {
		if !localeRe.MatchString(locale) {
			return nil, fmt.Errorf("%w: get %s: locale %q is not a language tag such as de or zh_CN", ErrInvalidArgument, list, locale)
		}
		q["locale"] = []string{locale}
	}
	var body []byte
	resp, err := c.c.Do(ctx, &ias.Request{
		Path:   path,
		Query:  q,
		Accept: "application/json, text/plain;q=0.9, */*;q=0.5",
	}, &body)
	if err != nil {
		return nil, err
	}
	v, err := decodeValues(body)
	if err != nil {
		return nil, fmt.Errorf("masterdata: get %s: %w: %w [request %s]", list, ias.ErrInvalidResponse, err, resp.RequestID)
	}
	return v, nil
}

// decodeValues reads a JSON object of strings, or properties text.
func decodeValues(body []byte) (Values, error) {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return Values{}, nil
	case trimmed[0] == '{' && json.Valid(trimmed):
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			return nil, err
		}
		v := make(Values, len(raw))
		for k, r := range raw {
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				return nil, fmt.Errorf("the label of %q is not a string: %s", k, r)
			}
			v[k] = s
		}
		return v, nil
	case trimmed[0] == '{' && trimmed[len(trimmed)-1] == '}':
		// The brace form of SAP's examples: {0001=Ms., 0002=Mr.}. A piece
		// without "=" belongs to the label before it ("Hong Kong, China").
		v := Values{}
		last := ""
		for piece := range strings.SplitSeq(string(trimmed[1:len(trimmed)-1]), ",") {
			k, l, ok := strings.Cut(piece, "=")
			switch {
			case ok:
				last = strings.TrimSpace(k)
				v[last] = strings.TrimSpace(l)
			case last != "":
				v[last] += "," + piece
			case strings.TrimSpace(piece) != "":
				return nil, fmt.Errorf("%q is not key=label", strings.TrimSpace(piece))
			}
		}
		return v, nil
	case trimmed[0] == '{' || trimmed[0] == '[':
		return nil, errors.New("the answer is neither a JSON object nor key=value lines")
	}
	return Values(texts.ParseProperties(string(trimmed))), nil
}
