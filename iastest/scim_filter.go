package iastest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	filter "github.com/scim2/filter-parser/v2"
)

// scimFilter is a parsed, validated SCIM filter.
type scimFilter struct{ expr filter.Expression }

// maxOperands is IAS's limit of operands per unique attribute in a filter.
const maxOperands = 90

// parseSCIMFilter parses a filter with scim2/filter-parser and restricts it
// to what IAS documents: eq, ne, sw (users only), gt, lt, and, or,
// parentheses and value paths. Anything else is 400 invalidFilter.
func parseSCIMFilter(raw string, users bool) (*scimFilter, *scimErr) {
	e, err := filter.ParseFilterNumber([]byte(raw))
	if err != nil {
		return nil, errf(http.StatusBadRequest, "invalidFilter", "Invalid filter expression: %s", raw)
	}
	unescapeFilter(e)
	counts := map[string]int{}
	if se := validateFilter(e, users, counts, ""); se != nil {
		return nil, se
	}
	for attr, n := range counts {
		if n > maxOperands {
			return nil, errf(http.StatusBadRequest, "invalidFilter", "Too many operands (%d) for attribute %s; at most %d are allowed", n, attr, maxOperands)
		}
	}
	return &scimFilter{expr: e}, nil
}

// unescapeFilter replaces the raw (JSON-escaped) string literals the parser
// returns by their values, so that `userName eq "a\"b"` compares with a"b.
func unescapeFilter(e filter.Expression) {
	switch t := e.(type) {
	case *filter.LogicalExpression:
		unescapeFilter(t.Left)
		unescapeFilter(t.Right)
	case *filter.ValuePath:
		unescapeFilter(t.ValueFilter)
	case *filter.NotExpression:
		unescapeFilter(t.Expression)
	case *filter.AttributeExpression:
		if s, ok := t.CompareValue.(string); ok && strings.Contains(s, `\`) {
			var v string
			if json.Unmarshal([]byte(`"`+s+`"`), &v) == nil {
				t.CompareValue = v
			}
		}
	}
}

func validateFilter(e filter.Expression, users bool, counts map[string]int, prefix string) *scimErr {
	switch t := e.(type) {
	case *filter.LogicalExpression:
		if se := validateFilter(t.Left, users, counts, prefix); se != nil {
			return se
		}
		return validateFilter(t.Right, users, counts, prefix)
	case *filter.AttributeExpression:
		switch t.Operator {
		case filter.EQ, filter.NE, filter.GT, filter.LT:
		case filter.SW:
			if !users {
				return errf(http.StatusBadRequest, "invalidFilter", "Operator sw is only supported for users")
			}
		default:
			return errf(http.StatusBadRequest, "invalidFilter", "Operator %s is not supported", t.Operator)
		}
		counts[strings.ToLower(prefix+t.AttributePath.String())]++
		return nil
	case *filter.ValuePath:
		return validateFilter(t.ValueFilter, users, counts, t.AttributePath.String()+".")
	case *filter.NotExpression:
		return errf(http.StatusBadRequest, "invalidFilter", "Operator not is not supported")
	}
	return errf(http.StatusBadRequest, "invalidFilter", "Unsupported filter expression")
}

// match evaluates the filter against a rendered resource.
func (f *scimFilter) match(res map[string]any) bool {
	if f == nil {
		return true
	}
	return evalFilter(f.expr, res)
}

func evalFilter(e filter.Expression, res map[string]any) bool {
	switch t := e.(type) {
	case *filter.LogicalExpression:
		if t.Operator == filter.AND {
			return evalFilter(t.Left, res) && evalFilter(t.Right, res)
		}
		return evalFilter(t.Left, res) || evalFilter(t.Right, res)
	case *filter.AttributeExpression:
		vals := resolveAttr(res, t.AttributePath)
		switch t.Operator {
		case filter.NE:
			for _, v := range vals {
				if compare(v, filter.EQ, t.CompareValue) {
					return false
				}
			}
			return true
		case filter.EQ:
			if s, ok := t.CompareValue.(string); ok && s == "" && len(vals) == 0 {
				return true // userName eq "" also matches a missing userName
			}
		}
		for _, v := range vals {
			if compare(v, t.Operator, t.CompareValue) {
				return true
			}
		}
		return false
	case *filter.ValuePath:
		container := containerFor(res, t.AttributePath.URI())
		raw, _ := getCI(container, t.AttributePath.AttributeName)
		switch x := raw.(type) {
		case []any:
			for _, el := range x {
				if m, ok := el.(map[string]any); ok && evalFilter(t.ValueFilter, m) {
					return true
				}
			}
		case map[string]any:
			return evalFilter(t.ValueFilter, x)
		}
		return false
	}
	return false
}

// containerFor returns the object holding attributes of the given schema URN
// (the resource itself for core schemas or no URN).
func containerFor(res map[string]any, uri string) map[string]any {
	if uri == "" || strings.EqualFold(uri, coreUserURN) || strings.EqualFold(uri, coreGroupURN) {
		return res
	}
	return mapCI(res, uri)
}

// resolveAttr collects the values addressed by an attribute path, flattening
// multi-valued attributes (a multi-valued complex attribute without
// sub-attribute yields its "value" sub-attributes).
func resolveAttr(res map[string]any, p filter.AttributePath) []any {
	container := containerFor(res, p.URI())
	if container == nil {
		return nil
	}
	raw, ok := getCI(container, p.AttributeName)
	if !ok || raw == nil {
		return nil
	}
	sub := p.SubAttributeName()
	var out []any
	add := func(v any) {
		if m, ok := v.(map[string]any); ok {
			key := sub
			if key == "" {
				key = "value"
			}
			if x, ok := getCI(m, key); ok && x != nil {
				if arr, ok := x.([]any); ok {
					out = append(out, arr...)
				} else {
					out = append(out, x)
				}
			}
			return
		}
		if sub == "" && v != nil {
			out = append(out, v)
		}
	}
	if arr, ok := raw.([]any); ok {
		for _, el := range arr {
			add(el)
		}
		return out
	}
	if m, ok := raw.(map[string]any); ok && sub != "" {
		add(m)
		return out
	}
	add(raw)
	return out
}

func toFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case float64:
		return t, true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case string:
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil
	}
	return 0, false
}

// compare applies op to an attribute value and a filter literal. Strings
// compare case-insensitively (caseExact is false for IAS's filterable
// attributes).
func compare(v any, op filter.CompareOperator, cv any) bool {
	switch c := cv.(type) {
	case nil:
		return op == filter.EQ && v == nil
	case bool:
		b, ok := boolValue(v)
		return ok && op == filter.EQ && b == c
	case string:
		var sv string
		switch t := v.(type) {
		case string:
			sv = t
		case bool, json.Number, float64, int:
			sv = fmt.Sprint(t)
		default:
			return false
		}
		a, b := strings.ToLower(sv), strings.ToLower(c)
		switch op {
		case filter.EQ:
			return a == b
		case filter.SW:
			return strings.HasPrefix(a, b)
		case filter.GT:
			return a > b
		case filter.LT:
			return a < b
		}
	default:
		f, ok1 := toFloat(cv)
		x, ok2 := toFloat(v)
		if !ok1 || !ok2 {
			return false
		}
		switch op {
		case filter.EQ:
			return x == f
		case filter.GT:
			return x > f
		case filter.LT:
			return x < f
		}
	}
	return false
}
