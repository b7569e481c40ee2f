package main

import (
	"encoding/json"
	"strings"

	"github.com/go-ias/ias/scim"
	filterparser "github.com/scim2/filter-parser/v2"
	"github.com/spf13/cobra"
)

// listFlags are the paging and selection flags of list commands.
type listFlags struct {
	filter     string
	attributes []string
	excluded   []string
	count      int
	startID    string
	startIndex int
	all        bool
}

// add registers the flags on cmd.
func (l *listFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&l.filter, "filter", "", `SCIM filter, for example 'userName eq "jdoe"'`)
	f.StringSliceVar(&l.attributes, "attributes", nil, "return only these attributes (comma-separated)")
	f.StringSliceVar(&l.excluded, "excluded-attributes", nil, "leave these attributes out (comma-separated)")
	f.IntVar(&l.count, "count", 0, "page size (default: the server's, 100)")
	f.StringVar(&l.startID, "start-id", "", "cursor of the page to read (nextId of the previous page)")
	f.IntVar(&l.startIndex, "start-index", 0, "1-based index of the first result (index paging)")
	f.BoolVar(&l.all, "all", false, "read every page, printing one resource per line (NDJSON) as pages arrive")
}

// query builds the scim.Query; extra filters are joined with "and".
func (l *listFlags) query(extra ...scim.Filter) (scim.Query, error) {
	if l.count < 0 || l.startIndex < 0 {
		return scim.Query{}, usagef("--count and --start-index must not be negative")
	}
	var f scim.Filter
	if l.filter != "" {
		f = scim.RawFilter(l.filter)
	}
	f = f.And(extra...)
	if err := f.Err(); err != nil {
		return scim.Query{}, &usageError{err}
	}
	return scim.Query{
		Filter: f, Attributes: l.attributes, ExcludedAttributes: l.excluded,
		Count: l.count, StartID: l.startID, StartIndex: l.startIndex,
	}, nil
}

// requestOpts holds the per-request SCIM options of get and write commands.
type requestOpts struct {
	attributes []string
	excluded   []string
	ifMatch    string
}

// addRead of requestOpts.
func (o *requestOpts) addRead(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.attributes, "attributes", nil, "return only these attributes (comma-separated)")
	cmd.Flags().StringSliceVar(&o.excluded, "excluded-attributes", nil, "leave these attributes out (comma-separated)")
}

// addIfMatch of requestOpts.
func (o *requestOpts) addIfMatch(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.ifMatch, "if-match", "", "only if the resource still has this version (meta.version); exit 7 otherwise")
}

// opts of requestOpts.
func (o *requestOpts) opts() []scim.RequestOption {
	var r []scim.RequestOption
	if len(o.attributes) > 0 {
		r = append(r, scim.Attributes(o.attributes...))
	}
	if len(o.excluded) > 0 {
		r = append(r, scim.ExcludedAttributes(o.excluded...))
	}
	if o.ifMatch != "" {
		r = append(r, scim.IfMatch(o.ifMatch))
	}
	return r
}

// patchFlags build a SCIM PatchOp from --data or from --set/--add/--remove,
// whose operations keep the order of the command line.
type patchFlags struct {
	data string
	ops  []patchArg
}

// patchArg is one --set, --add or --remove, as given.
type patchArg struct{ op, arg string }

// patchOpFlag is the pflag.Value of --set, --add and --remove: all three
// append to one list, so that --add emails=... --set emails[...].x=...
// runs in that order.
type patchOpFlag struct {
	op  string
	ops *[]patchArg
}

// String is empty: the flag has no default.
func (f patchOpFlag) String() string { return "" }

// Set appends one operation.
func (f patchOpFlag) Set(v string) error {
	*f.ops = append(*f.ops, patchArg{f.op, v})
	return nil
}

// Type names the value in the help.
func (f patchOpFlag) Type() string {
	if f.op == scim.OpRemove {
		return "PATH"
	}
	return "PATH=VALUE"
}

// addFlags of patchFlags.
func (pf *patchFlags) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&pf.data, "data", "d", "", "the PatchOp as JSON: @FILE, - for stdin, or the JSON itself")
	f.Var(patchOpFlag{scim.OpReplace, &pf.ops}, "set", `replace the value at PATH; PATH may have a value filter, emails[type eq "work"].value (VALUE is JSON if it parses, else a string; repeatable)`)
	f.Var(patchOpFlag{scim.OpAdd, &pf.ops}, "add", "add VALUE at PATH (repeatable)")
	f.Var(patchOpFlag{scim.OpRemove, &pf.ops}, "remove", "remove the value(s) at PATH (repeatable)")
}

// build returns the PatchOp of --data, or of --set, --add and --remove.
func (pf *patchFlags) build(a *app) (*scim.PatchOp, error) {
	if pf.data != "" {
		if len(pf.ops) > 0 {
			return nil, usagef("--data excludes --set, --add and --remove")
		}
		p := new(scim.PatchOp)
		if err := a.decodeData(pf.data, "a SCIM PatchOp", p); err != nil {
			return nil, err
		}
		if len(p.Schemas) == 0 {
			p.Schemas = []string{scim.SchemaPatchOp}
		}
		return p, nil
	}
	p := scim.NewPatch()
	for _, o := range pf.ops {
		if o.op == scim.OpRemove {
			path, err := patchPath(o.arg)
			if err != nil {
				return nil, err
			}
			p.Remove(path)
			continue
		}
		path, v, err := splitPatchAssign(o.arg)
		if err != nil {
			return nil, err
		}
		if o.op == scim.OpAdd {
			p.Add(path, v)
		} else {
			p.Replace(path, v)
		}
	}
	// The path errors first: an operation with a bad path is dropped, and
	// "nothing to patch" would hide why.
	if err := p.Err(); err != nil {
		return nil, &usageError{err}
	}
	if len(p.Operations) == 0 {
		return nil, usagef("nothing to patch: give --data, --set, --add or --remove")
	}
	return p, nil
}

// patchPath is a PATCH path given on the command line: an attribute path,
// or one with a value filter (RFC 7644 §3.5.2) such as
// emails[type eq "work"].value, which is checked with a SCIM filter parser
// before it is sent as it is.
func patchPath(s string) (scim.Path, error) {
	if !strings.Contains(s, "[") {
		return scim.Attr(s), nil
	}
	if _, err := filterparser.ParsePath([]byte(s)); err != nil {
		return scim.Path{}, usagef("path %q: not a SCIM attribute path with a value filter, such as emails[type eq \"work\"].value", s)
	}
	return scim.RawPath(s), nil
}

// splitAssign splits NAME=VALUE at the first "="; VALUE is decoded as
// JSON when it is valid JSON (true, 42, {"a":1}, "quoted"), else taken as
// a string.
func splitAssign(kv string) (string, any, error) {
	name, raw, ok := strings.Cut(kv, "=")
	if !ok || name == "" {
		return "", nil, usagef("%q: want NAME=VALUE", kv)
	}
	return name, jsonOrString(raw), nil
}

// splitPatchAssign splits a SCIM PATH=VALUE at the first "=" outside a
// value filter (emails[value eq "a=b"].primary=true); VALUE as in
// splitAssign.
func splitPatchAssign(kv string) (scim.Path, any, error) {
	attr, raw, ok := cutAssign(kv)
	if !ok || attr == "" {
		return scim.Path{}, nil, usagef("%q: want ATTR=VALUE", kv)
	}
	path, err := patchPath(attr)
	if err != nil {
		return scim.Path{}, nil, err
	}
	return path, jsonOrString(raw), nil
}

// cutAssign cuts s at its first "=" that is neither inside brackets nor
// inside a quoted string.
func cutAssign(s string) (before, after string, found bool) {
	depth, quoted, escaped := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			escaped = false
		case quoted && c == '\\':
			escaped = true
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '=' && depth == 0:
			return s[:i], s[i+1:], true
		}
	}
	// Unbalanced brackets or quotes: cutting at the last "=" lets the
	// path's own error say what is wrong with it.
	if i := strings.LastIndex(s, "="); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// jsonOrString is raw decoded as JSON when it is valid JSON, else raw.
func jsonOrString(raw string) any {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	return v
}
