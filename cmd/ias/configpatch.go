package main

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/go-ias/ias/apps"
	"github.com/go-ias/ias/idps"
	"github.com/spf13/cobra"
)

// configPatchFlags build the PATCH operations of the configuration APIs
// (applications, identity providers, API secrets) from --data or from
// --set/--add/--remove with JSON-pointer paths.
type configPatchFlags struct {
	data              string
	set, addV, remove []string
}

// add registers the flags on cmd.
func (pf *configPatchFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&pf.data, "data", "d", "", `the operations as JSON, {"operations":[...]} or [...]: @FILE, - for stdin, or the JSON itself`)
	f.StringArrayVar(&pf.set, "set", nil, "replace PATH=VALUE, PATH a JSON pointer such as /branding/displayName (VALUE is JSON if it parses, else a string; repeatable)")
	f.StringArrayVar(&pf.addV, "add", nil, "add PATH=VALUE (repeatable)")
	f.StringArrayVar(&pf.remove, "remove", nil, "remove PATH (repeatable)")
}

// configOp is one operation as --data gives it.
type configOp struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value"`
}

// build returns the operations (apps.PatchOperation, the same type as
// idps.PatchOperation);
// values from --data are sent exactly as written.
func (pf *configPatchFlags) build(a *app) ([]apps.PatchOperation, error) {
	var ops []apps.PatchOperation
	if pf.data != "" {
		if len(pf.set)+len(pf.addV)+len(pf.remove) > 0 {
			return nil, usagef("--data excludes --set, --add and --remove")
		}
		b, err := a.readData(pf.data)
		if err != nil {
			return nil, err
		}
		var list []configOp
		if t := strings.TrimSpace(string(b)); strings.HasPrefix(t, "{") {
			var body struct {
				Operations []configOp `json:"operations"`
			}
			err = json.Unmarshal(b, &body)
			list = body.Operations
		} else {
			err = json.Unmarshal(b, &list)
		}
		if err != nil {
			return nil, usagef("--data: not PATCH operations: %v", err)
		}
		for _, o := range list {
			op := apps.PatchOperation{Op: o.Op, Path: o.Path}
			if o.Value != nil {
				op.Value = o.Value
			}
			ops = append(ops, op)
		}
	}
	for _, kv := range pf.set {
		path, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		ops = append(ops, apps.Replace(path, v))
	}
	for _, kv := range pf.addV {
		path, v, err := splitAssign(kv)
		if err != nil {
			return nil, err
		}
		ops = append(ops, apps.Add(path, v))
	}
	for _, path := range pf.remove {
		ops = append(ops, apps.Remove(path))
	}
	if len(ops) == 0 {
		return nil, usagef("nothing to patch: give --data, --set, --add or --remove")
	}
	return ops, nil
}

// configUsage turns the SDK's refusals of bad input into usage errors
// (exit 2).
func configUsage(err error) error {
	if errors.Is(err, apps.ErrInvalidArgument) || errors.Is(err, idps.ErrInvalidArgument) {
		return &usageError{err}
	}
	return err
}
