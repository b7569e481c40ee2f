package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrInvalidFilter is wrapped by the error of a filter or path that the
// builder refused: a malformed attribute name, an unsupported value type,
// invalid UTF-8, a misplaced value path.
var ErrInvalidFilter = errors.New("scim: invalid filter")

// attrPathRe is RFC 7644's attrPath: [URI ":"] ATTRNAME *1subAttr, where
// the URI is a schema URN whose segments are letters, digits, ".", "-"
// and "_" (IAS allows "_" in custom schema names), and ATTRNAME may start
// with "$" ($ref).
var attrPathRe = regexp.MustCompile(`^(?:[A-Za-z0-9._-]+:)*\$?[A-Za-z][A-Za-z0-9_-]*(?:\.\$?[A-Za-z][A-Za-z0-9_-]*)?$`)

// attrNameRe is a single ATTRNAME, for sub-attributes.
var attrNameRe = regexp.MustCompile(`^\$?[A-Za-z][A-Za-z0-9_-]*$`)

func validPath(s string) bool { return attrPathRe.MatchString(s) }

type nodeKind uint8

const (
	kCompare nodeKind = iota + 1
	kPresent
	kAnd
	kOr
	kNot
	kValuePath
	kRaw
)

type node struct {
	kind  nodeKind
	attr  string // attribute path (compare, present, value path)
	op    string // comparison operator
	value string // encoded comparison value
	kids  []*node
	raw   string
}

// Filter is a SCIM filter expression (RFC 7644 §3.4.2.2) built from
// attribute paths and values. Its String is always one well-formed
// filter: string values are written as JSON strings and attribute paths
// are validated, so no value can change the structure of the expression.
// A builder error (a bad attribute name, a value of an unsupported type)
// is kept in the Filter and returned by Err and by every call that uses
// it. The zero Filter means "no filter".
type Filter struct {
	n   *node
	err error
}

// Err returns the first error met while building f.
func (f Filter) Err() error { return f.err }

// IsZero reports whether f is the empty filter.
func (f Filter) IsZero() bool { return f.n == nil && f.err == nil }

// String returns the filter text ("" for the zero Filter or a Filter with
// an error).
func (f Filter) String() string {
	if f.err != nil || f.n == nil {
		return ""
	}
	var b strings.Builder
	f.n.write(&b)
	return b.String()
}

func (n *node) write(b *strings.Builder) {
	switch n.kind {
	case kCompare:
		b.WriteString(n.attr)
		b.WriteByte(' ')
		b.WriteString(n.op)
		b.WriteByte(' ')
		b.WriteString(n.value)
	case kPresent:
		b.WriteString(n.attr)
		b.WriteString(" pr")
	case kAnd, kOr:
		sep := " and "
		if n.kind == kOr {
			sep = " or "
		}
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			if k.kind == kAnd || k.kind == kOr || k.kind == kRaw {
				b.WriteByte('(')
				k.write(b)
				b.WriteByte(')')
			} else {
				k.write(b)
			}
		}
	case kNot:
		b.WriteString("not (")
		n.kids[0].write(b)
		b.WriteByte(')')
	case kValuePath:
		b.WriteString(n.attr)
		b.WriteByte('[')
		n.kids[0].write(b)
		b.WriteByte(']')
	case kRaw:
		b.WriteString(n.raw)
	}
}

func filterErr(format string, args ...any) Filter {
	return Filter{err: fmt.Errorf("%w: %s", ErrInvalidFilter, fmt.Sprintf(format, args...))}
}

func compare(attr, op string, value any) Filter {
	if !validPath(attr) {
		return filterErr("attribute path %q", attr)
	}
	v, err := encodeValue(value)
	if err != nil {
		return Filter{err: fmt.Errorf("%w: %s %s: %w", ErrInvalidFilter, attr, op, err)}
	}
	return Filter{n: &node{kind: kCompare, attr: attr, op: op, value: v}}
}

// Eq is "attr eq value". value is a string, bool, integer, float,
// json.Number, time.Time (written in RFC 3339) or nil (null).
func Eq(attr string, value any) Filter { return compare(attr, "eq", value) }

// Ne is "attr ne value".
func Ne(attr string, value any) Filter { return compare(attr, "ne", value) }

// Sw is "attr sw value" (starts with; IAS: users only).
func Sw(attr string, value any) Filter { return compare(attr, "sw", value) }

// Gt is "attr gt value".
func Gt(attr string, value any) Filter { return compare(attr, "gt", value) }

// Lt is "attr lt value".
func Lt(attr string, value any) Filter { return compare(attr, "lt", value) }

// Ge is "attr ge value" (RFC 7644; not documented for IAS).
func Ge(attr string, value any) Filter { return compare(attr, "ge", value) }

// Le is "attr le value" (RFC 7644; not documented for IAS).
func Le(attr string, value any) Filter { return compare(attr, "le", value) }

// Co is "attr co value" (contains; RFC 7644, not documented for IAS).
func Co(attr string, value any) Filter { return compare(attr, "co", value) }

// Ew is "attr ew value" (ends with; RFC 7644, not documented for IAS).
func Ew(attr string, value any) Filter { return compare(attr, "ew", value) }

// Pr is "attr pr" (present; RFC 7644, not documented for IAS).
func Pr(attr string) Filter {
	if !validPath(attr) {
		return filterErr("attribute path %q", attr)
	}
	return Filter{n: &node{kind: kPresent, attr: attr}}
}

// RawFilter uses s as it is, for expressions the builder cannot make. It
// is parenthesized when combined with others. Never put untrusted input
// into s.
func RawFilter(s string) Filter {
	if strings.TrimSpace(s) == "" {
		return Filter{}
	}
	return Filter{n: &node{kind: kRaw, raw: s}}
}

// And combines f and others with "and". Zero Filters are skipped.
func (f Filter) And(others ...Filter) Filter { return combine(kAnd, f, others) }

// Or combines f and others with "or". Zero Filters are skipped.
func (f Filter) Or(others ...Filter) Filter { return combine(kOr, f, others) }

// And combines filters with "and" (Filter{} when none is given).
func And(filters ...Filter) Filter { return combine(kAnd, Filter{}, filters) }

// Or combines filters with "or" (Filter{} when none is given).
func Or(filters ...Filter) Filter { return combine(kOr, Filter{}, filters) }

func combine(kind nodeKind, f Filter, others []Filter) Filter {
	var kids []*node
	for _, g := range append([]Filter{f}, others...) {
		if g.err != nil {
			return g
		}
		if g.n == nil {
			continue
		}
		if g.n.kind == kind {
			kids = append(kids, g.n.kids...)
		} else {
			kids = append(kids, g.n)
		}
	}
	switch len(kids) {
	case 0:
		return Filter{}
	case 1:
		return Filter{n: kids[0]}
	}
	return Filter{n: &node{kind: kind, kids: kids}}
}

// Not negates f: "not (f)".
func Not(f Filter) Filter {
	if f.err != nil {
		return f
	}
	if f.n == nil {
		return filterErr("not of an empty filter")
	}
	return Filter{n: &node{kind: kNot, kids: []*node{f.n}}}
}

// Has is a value path: "attr[f]", true for a resource with a value of the
// multi-valued attr that matches f, for example
// Has("emails", Eq("type", "work").And(Eq("value", v))). Attribute names in
// f are sub-attributes of attr; f cannot contain another value path.
func Has(attr string, f Filter) Filter {
	if !validPath(attr) || strings.Contains(attr[strings.LastIndex(attr, ":")+1:], ".") {
		return filterErr("value path attribute %q", attr)
	}
	if f.err != nil {
		return f
	}
	if f.n == nil {
		return filterErr("value path %s[] without a filter", attr)
	}
	if containsKind(f.n, kValuePath) {
		return filterErr("value path inside value path %s[]", attr)
	}
	return Filter{n: &node{kind: kValuePath, attr: attr, kids: []*node{f.n}}}
}

func containsKind(n *node, k nodeKind) bool {
	if n.kind == k {
		return true
	}
	for _, c := range n.kids {
		if containsKind(c, k) {
			return true
		}
	}
	return false
}

// encodeValue writes a comparison value in the JSON syntax that RFC 7644
// prescribes for compValue.
func encodeValue(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "null", nil
	case string:
		return quote(x)
	case bool:
		return strconv.FormatBool(x), nil
	case int, int8, int16, int32, int64:
		// These types exactly: a type of the caller's own is refused below.
		return strconv.FormatInt(reflect.ValueOf(x).Int(), 10), nil
	case uint, uint8, uint16, uint32, uint64:
		return strconv.FormatUint(reflect.ValueOf(x).Uint(), 10), nil
	case float32:
		return encodeFloat(float64(x), 32)
	case float64:
		return encodeFloat(x, 64)
	case json.Number:
		if !numberRe.MatchString(string(x)) {
			return "", fmt.Errorf("%q is not a JSON number", string(x))
		}
		return string(x), nil
	case time.Time:
		return quote(x.Format(time.RFC3339Nano))
	case fmt.Stringer:
		return "", fmt.Errorf("value of type %T: convert it to a string first", v)
	}
	return "", fmt.Errorf("value of unsupported type %T", v)
}

var numberRe = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

func encodeFloat(f float64, bits int) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("%v is not a JSON number", f)
	}
	return strconv.FormatFloat(f, 'g', -1, bits), nil
}

// quote writes s as a JSON string, escaping only what JSON requires
// (quote, backslash, control characters), with upper-case hex digits.
func quote(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errors.New("string value is not valid UTF-8")
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04X`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String(), nil
}
