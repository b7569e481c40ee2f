package scim

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	filterparser "github.com/scim2/filter-parser/v2"
)

const costCenterAttr = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"

// FuzzFilterValues: whatever two values hold, the builder's text parses
// (with an independent RFC 7644 parser) to exactly
// userName eq a AND/OR costCenter sw b: a value can never change the
// filter's structure. Seeds: testdata/fuzz/FuzzFilterValues.
func FuzzFilterValues(f *testing.F) {
	f.Add("john.smith@example.com", "1234", false)
	f.Add(`x" or userName pr or userName eq "y`, `) or (id eq "1`, true)
	f.Add(`back\slash "quoted"`, "ü∂漢字 \t\n", false)
	f.Fuzz(func(t *testing.T, a, b string, or bool) {
		left, right := Eq("userName", a), Sw(costCenterAttr, b)
		built := left.And(right)
		op := filterparser.AND
		if or {
			built, op = left.Or(right), filterparser.OR
		}
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			if built.Err() == nil {
				t.Fatalf("invalid UTF-8 accepted: %q %q", a, b)
			}
			return
		}
		if err := built.Err(); err != nil {
			t.Fatalf("builder refused %q, %q: %v", a, b, err)
		}
		text := built.String()
		e, err := filterparser.ParseFilter([]byte(text))
		if err != nil {
			if strings.Contains(text, `\u`) {
				return // the parser library cannot read \uXXXX escapes
			}
			t.Fatalf("%s: %v", text, err)
		}
		le, ok := e.(*filterparser.LogicalExpression)
		if !ok || le.Operator != op {
			t.Fatalf("%s parsed as %T %v", text, e, e)
		}
		check := func(side filterparser.Expression, attr string, wantOp filterparser.CompareOperator, want string) {
			x, ok := side.(*filterparser.AttributeExpression)
			if !ok || !strings.EqualFold(x.AttributePath.String(), attr) || x.Operator != wantOp {
				t.Fatalf("%s: side %v, want %s %s", text, side, attr, wantOp)
			}
			s, ok := x.CompareValue.(string)
			var got string
			if !ok || json.Unmarshal([]byte(`"`+s+`"`), &got) != nil || got != want {
				t.Fatalf("%s: value %#v, want %q", text, x.CompareValue, want)
			}
		}
		check(le.Left, "userName", filterparser.EQ, a)
		check(le.Right, costCenterAttr, filterparser.SW, b)
	})
}
