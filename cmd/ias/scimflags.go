package main

import (
	"encoding/json"
	"strings"

	"github.com/go-ias/ias/scim"
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

// patchFlags build a SCIM PatchOp from --data or from --set/--add/--remove.
type patchFlags struct {
	data              string
	set, addV, remove []string
}

// addFlags of patchFlags.
func (pf *patchFlags) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&pf.data, "data", "d", "", "the PatchOp as JSON: @FILE, - for stdin, or the JSON itself")
	f.StringArrayVar(&pf.set, "set", nil, "replace ATTR=VALUE (VALUE is JSON if it parses, else a string; repeatable)")
	f.StringArrayVar(&pf.addV, "add", nil, "add ATTR=VALUE (repeatable)")
	f.StringArrayVar(&pf.remove, "remove", nil, "remove ATTR (repeatable)")
}

// build returns the PatchOp of --data, or of --set, --add and --remove.
func (pf *patchFlags) build(a *app) (*scim.PatchOp, error) {
	if pf.data != "" {
		if len(pf.set)+len(pf.addV)+len(pf.remove) > 0 {
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
	for _, kv := range pf.set {
		attr, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		p.Replace(scim.Attr(attr), v)
	}
	for _, kv := range pf.addV {
		attr, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		p.Add(scim.Attr(attr), v)
	}
	for _, attr := range pf.remove {
		p.Remove(scim.Attr(attr))
	}
	if len(p.Operations) == 0 {
		return nil, usagef("nothing to patch: give --data, --set, --add or --remove")
	}
	if err := p.Err(); err != nil {
		return nil, &usageError{err}
	}
	return p, nil
}

// splitAssign splits ATTR=VALUE; VALUE is decoded as JSON when it is
// valid JSON (true, 42, {"a":1}, "quoted"), else taken as a string.
func splitAssign(kv string) (string, any, error) {
	attr, raw, ok := strings.Cut(kv, "=")
	if !ok || attr == "" {
		return "", nil, usagef("%q: want ATTR=VALUE", kv)
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		v = raw
	}
	return attr, v, nil
}
