package texts

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/go-ias/ias"
)

// DefaultSet is the default set id ("scenario") of the texts, SAP_DEFAULT.
const DefaultSet = "SAP_DEFAULT"

// ErrInvalidArgument is wrapped by every error returned for an argument
// that fails the checks done before sending (unknown resource type,
// locale not in the documented list, empty key), so that nothing is sent.
var ErrInvalidArgument = errors.New("texts: invalid argument")

// Texts is one override set: text key (or master-data key) to text.
type Texts map[string]string

// Keys returns the keys in sorted order, the order in which they are sent.
func (t Texts) Keys() []string { return slices.Sorted(maps.Keys(t)) }

// Client reads and writes tenant texts and master-data texts through the
// shared ias.Client. It is safe for concurrent use.
type Client struct {
	c   *ias.Client
	set string
}

// New returns a Client for the default set (SAP_DEFAULT).
func New(c *ias.Client) *Client { return &Client{c: c, set: DefaultSet} }

// ForSet returns a copy of the Client that works on the set id setID: reads
// send it as the setId query parameter and writes use it as the path
// segment in place of SAP_DEFAULT. SAP documents only SAP_DEFAULT for
// writes (see docs/undocumented.md).
func (c *Client) ForSet(setID string) *Client {
	cp := *c
	cp.set = setID
	return &cp
}

// invalid builds an argument error that wraps ErrInvalidArgument.
func invalid(op, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidArgument, op, fmt.Sprintf(format, args...))
}

// check validates the resource type, the locale and the set id of an
// operation.
func (c *Client) check(op string, rt ResourceType, locale string) error {
	if c.set == "" {
		return invalid(op, "empty set id")
	}
	if !rt.Valid() {
		return invalid(op, "unknown resource type %q", string(rt))
	}
	if !rt.ValidLocale(locale) {
		return invalid(op, "locale %q is not one of the documented locales of %s: %v", locale, rt, rt.Locales())
	}
	return nil
}
