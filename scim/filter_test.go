package scim

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	filterparser "github.com/scim2/filter-parser/v2"
	"pgregory.net/rapid"
)

func TestFilterText(t *testing.T) {
	for _, c := range []struct {
		f    Filter
		want string
	}{
		{Eq("userName", "jo"), `userName eq "jo"`},
		{Eq("userName", `a" or userName pr or "`), `userName eq "a\" or userName pr or \""`},
		{Eq("displayName", `back\slash`), `displayName eq "back\\slash"`},
		{Eq("displayName", ") or ("), `displayName eq ") or ("`},
		{Eq("displayName", "tab\tnl\nbell\x07"), `displayName eq "tab\tnl\nbell\u0007"`},
		{Eq("displayName", "Ñoño 日本 😀"), `displayName eq "Ñoño 日本 😀"`},
		{Eq("active", true), `active eq true`},
		{Eq("x", nil), `x eq null`},
		{Gt("n", 12.5).And(Lt("n", int64(-3))), `n gt 12.5 and n lt -3`},
		{Eq("meta.lastModified", time.Date(2025, 7, 4, 8, 16, 5, 0, time.UTC)), `meta.lastModified eq "2025-07-04T08:16:05Z"`},
		{Eq("userName", "a").And(Sw("emails.value", "b")), `userName eq "a" and emails.value sw "b"`},
		{Eq("a", 1).Or(Eq("b", 2)).And(Eq("c", 3)), `(a eq 1 or b eq 2) and c eq 3`},
		{Eq("a", 1).And(Eq("b", 2)).Or(Eq("c", 3)), `(a eq 1 and b eq 2) or c eq 3`},
		{Not(Eq("a", 1).Or(Eq("b", 2))), `not (a eq 1 or b eq 2)`},
		{Has("emails", Eq("type", "work").And(Co("value", "@x"))), `emails[type eq "work" and value co "@x"]`},
		{Eq(SchemaSAPUser+":userUuid", "u"), `urn:ietf:params:scim:schemas:extension:sap:2.0:User:userUuid eq "u"`},
		{Eq("members.$ref", "r"), `members.$ref eq "r"`},
		{RawFilter(`a eq "1" or b eq "2"`).And(Pr("c")), `(a eq "1" or b eq "2") and c pr`},
		{Filter{}.And(Eq("a", 1)), `a eq 1`},
		{And(), ``},
		{Or(Eq("a", 1)), `a eq 1`},
		{Ge("a", uint8(1)).Or(Le("a", float32(0.5)), Ne("b", json.Number("1e3")), Ew("c", "z")), `a ge 1 or a le 0.5 or b ne 1e3 or c ew "z"`},
	} {
		if err := c.f.Err(); err != nil {
			t.Errorf("%s: %v", c.want, err)
		}
		if got := c.f.String(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// TestFilterIntegers: every integer type of Go is written as its decimal
// number; a type of the caller's own with an integer underneath is not.
func TestFilterIntegers(t *testing.T) {
	for _, v := range []any{int(-7), int8(-7), int16(-7), int32(-7), int64(-7)} {
		if got := Eq("n", v).String(); got != "n eq -7" {
			t.Errorf("%T: %q", v, got)
		}
	}
	for _, v := range []any{uint(7), uint8(7), uint16(7), uint32(7), uint64(7)} {
		if got := Eq("n", v).String(); got != "n eq 7" {
			t.Errorf("%T: %q", v, got)
		}
	}
	type level int
	if err := Eq("n", level(7)).Err(); !errors.Is(err, ErrInvalidFilter) {
		t.Errorf("own type: %v", err)
	}
}

func TestFilterErrors(t *testing.T) {
	for name, f := range map[string]Filter{
		"space in attr":     Eq("user Name", "x"),
		"injection in attr": Eq(`userName eq "x" or id`, "y"),
		"empty attr":        Eq("", "x"),
		"bracket attr":      Eq("emails[type", "x"),
		"bad value type":    Eq("a", struct{}{}),
		"stringer":          Eq("a", time.Second),
		"NaN":               Eq("a", math.NaN()),
		"Inf":               Eq("a", math.Inf(1)),
		"bad number":        Eq("a", json.Number("1 or 2")),
		"bad utf8":          Eq("a", "\xff"),
		"pr bad attr":       Pr("a b"),
		"nested value path": Has("emails", Has("x", Eq("a", 1))),
		"value path sub":    Has("emails.value", Eq("a", 1)),
		"empty value path":  Has("emails", Filter{}),
		"not empty":         Not(Filter{}),
		"error propagates":  Eq("a", 1).And(Eq("b c", 2)),
	} {
		if err := f.Err(); !errors.Is(err, ErrInvalidFilter) {
			t.Errorf("%s: err = %v", name, err)
		}
		if f.String() != "" {
			t.Errorf("%s: text %q", name, f.String())
		}
	}
	var q Query
	q.Filter = Eq("a b", 1)
	if _, err := q.values(); !errors.Is(err, ErrInvalidFilter) {
		t.Fatal(err)
	}
}

// genFilter draws a filter together with the canonical form of the
// expression it is meant to be, computed without the builder.
type genFilter struct {
	f    Filter
	want string
}

var (
	genName = rapid.StringMatching(`[A-Za-z][A-Za-z0-9_-]{0,6}`)
	genURN  = rapid.SampledFrom([]string{"", "urn:ietf:params:scim:schemas:core:2.0:User:",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "urn:x-y:1.0:Custom:"})
)

func genAttr(t *rapid.T, label string) string {
	a := genURN.Draw(t, label+"urn") + genName.Draw(t, label+"name")
	if rapid.Bool().Draw(t, label+"sub") {
		a += "." + genName.Draw(t, label+"sub")
	}
	return a
}

func genValue(t *rapid.T) (any, string) {
	switch rapid.IntRange(0, 6).Draw(t, "kind") {
	case 0:
		return nil, "null"
	case 1:
		b := rapid.Bool().Draw(t, "bool")
		return b, "b:" + strconv.FormatBool(b)
	case 2:
		n := rapid.Int64().Draw(t, "int")
		return n, "n:" + strconv.FormatFloat(float64(n), 'g', -1, 64)
	case 3:
		f := rapid.Float64().Filter(func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }).Draw(t, "float")
		return f, "n:" + strconv.FormatFloat(f, 'g', -1, 64)
	case 4:
		s := rapid.SampledFrom([]string{`") or (`, `" or userName pr or "`, `\`, `\"`, `]`, `[`, "\x00", "\u2028", `\u0041`, "not (", ""}).Draw(t, "nasty")
		return s, fmt.Sprintf("s:%q", s)
	default:
		s := rapid.String().Draw(t, "string")
		return s, fmt.Sprintf("s:%q", s)
	}
}

var ops = []string{"eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"}
var opFuncs = map[string]func(string, any) Filter{"eq": Eq, "ne": Ne, "co": Co, "sw": Sw, "ew": Ew, "gt": Gt, "lt": Lt, "ge": Ge, "le": Le}

func genAttrExp(t *rapid.T) genFilter {
	attr := genAttr(t, "a")
	if rapid.IntRange(0, 9).Draw(t, "pr") == 0 {
		return genFilter{Pr(attr), "(" + strings.ToLower(attr) + " pr)"}
	}
	op := rapid.SampledFrom(ops).Draw(t, "op")
	v, canon := genValue(t)
	return genFilter{opFuncs[op](attr, v), "(" + strings.ToLower(attr) + " " + op + " " + canon + ")"}
}

func genTree(depth int) *rapid.Generator[genFilter] {
	return rapid.Custom(func(t *rapid.T) genFilter {
		kind := 0
		if depth > 0 {
			kind = rapid.IntRange(0, 4).Draw(t, "node")
		}
		switch kind {
		case 1, 2:
			kids := rapid.SliceOfN(genTree(depth-1), 2, 3).Draw(t, "kids")
			op, fs := "and", make([]Filter, len(kids))
			if kind == 2 {
				op = "or"
			}
			var parts []string
			for i, k := range kids {
				fs[i] = k.f
				// The expected form flattens a child of the same operator.
				if p, ok := strings.CutPrefix(k.want, op+"["); ok {
					parts = append(parts, strings.TrimSuffix(p, "]"))
				} else {
					parts = append(parts, k.want)
				}
			}
			f := And(fs...)
			if op == "or" {
				f = Or(fs...)
			}
			return genFilter{f, op + "[" + strings.Join(parts, ",") + "]"}
		case 3:
			k := genTree(depth-1).Draw(t, "not")
			return genFilter{Not(k.f), "not[" + k.want + "]"}
		case 4:
			attr := genURN.Draw(t, "vpurn") + genName.Draw(t, "vpname")
			a := genAttrExp(t)
			inner, want := a.f, a.want
			if rapid.Bool().Draw(t, "two") {
				b := genAttrExp(t)
				if rapid.Bool().Draw(t, "vpand") {
					inner, want = a.f.And(b.f), "and["+a.want+","+b.want+"]"
				} else {
					inner, want = a.f.Or(b.f), "or["+a.want+","+b.want+"]"
				}
			}
			return genFilter{Has(attr, inner), strings.ToLower(attr) + "[" + want + "]"}
		}
		return genAttrExp(t)
	})
}

// canon writes a parsed expression in the canonical form of genFilter.
func canon(t *rapid.T, e filterparser.Expression) string {
	switch x := e.(type) {
	case *filterparser.AttributeExpression:
		s := "(" + strings.ToLower(x.AttributePath.String()) + " " + string(x.Operator)
		if x.Operator == filterparser.PR {
			return s + ")"
		}
		switch v := x.CompareValue.(type) {
		case nil:
			s += " null"
		case bool:
			s += " b:" + strconv.FormatBool(v)
		case string:
			var u string
			if err := json.Unmarshal([]byte(`"`+v+`"`), &u); err != nil {
				t.Fatalf("string %q is not JSON: %v", v, err)
			}
			s += fmt.Sprintf(" s:%q", u)
		case int:
			s += " n:" + strconv.FormatFloat(float64(v), 'g', -1, 64)
		case float64:
			s += " n:" + strconv.FormatFloat(v, 'g', -1, 64)
		case json.Number:
			f, err := strconv.ParseFloat(string(v), 64)
			if err != nil {
				t.Fatalf("number %s: %v", v, err)
			}
			s += " n:" + strconv.FormatFloat(f, 'g', -1, 64)
		default:
			t.Fatalf("value %T", v)
		}
		return s + ")"
	case *filterparser.LogicalExpression:
		op := string(x.Operator)
		var parts []string
		for _, side := range []filterparser.Expression{x.Left, x.Right} {
			c := canon(t, side)
			if p, ok := strings.CutPrefix(c, op+"["); ok {
				c = strings.TrimSuffix(p, "]")
			}
			parts = append(parts, c)
		}
		return op + "[" + strings.Join(parts, ",") + "]"
	case *filterparser.NotExpression:
		return "not[" + canon(t, x.Expression) + "]"
	case *filterparser.ValuePath:
		return strings.ToLower(x.AttributePath.String()) + "[" + canon(t, x.ValueFilter) + "]"
	}
	t.Fatalf("expression %T", e)
	return ""
}

// TestFilterParsesAsIntended: whatever the values contain, the builder's
// text parses (with an independent RFC 7644 parser) to exactly the
// expression that was built.
func TestFilterParsesAsIntended(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genTree(3).Draw(t, "filter")
		if err := g.f.Err(); err != nil {
			t.Fatalf("builder error: %v", err)
		}
		text := g.f.String()
		e, err := filterparser.ParseFilterNumber([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if got := canon(t, e); got != g.want {
			t.Fatalf("text %s\nparsed %s\nwant   %s", text, got, g.want)
		}
	})
}
