package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-ias/ias/scim"
	"github.com/spf13/cobra"
)

// bulkColumns is the table layout of bulk results.
var bulkColumns = []column{
	{"BULK ID", field("bulkId")},
	{"METHOD", field("method")},
	{"PATH", field("path")},
	{"STATUS", field("status")},
	{"ID", field("id")},
	{"ERROR", field("error")},
}

// bulkResult is one operation's outcome as printed.
type bulkResult struct {
	BulkID   string          `json:"bulkId"`
	Method   string          `json:"method"`
	Path     string          `json:"path"`
	Status   int             `json:"status"`
	ID       string          `json:"id,omitempty"`
	Location string          `json:"location,omitempty"`
	Version  string          `json:"version,omitempty"`
	Response json.RawMessage `json:"response,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// bulkCmd builds its command.
func (a *app) bulkCmd() *cobra.Command {
	var data string
	cmd := &cobra.Command{
		Use:   "bulk",
		Short: "Send SCIM bulk operations (split into requests of 100)",
		Long: `Send SCIM bulk operations (POST /scim/Bulk), split into requests of at most
100 operations. --data is a BulkRequest ({"Operations": [...]}) or a JSON array
of operations; each operation is {"method", "path", "bulkId", "data"}.

The output is one document with one result per operation, in order (with -o
table: one row per operation, with the id of the resource it wrote). If any
operation failed, each failure is reported on stderr and the exit code is the
class of the first failure (for example 6 for a conflict).`,
		Example: `  ias bulk --data @ops.json
  echo '[{"method":"DELETE","path":"/Users/ID"}]' | ias bulk --data -`,
		Args: cobra.NoArgs,
	}
	cmd.Flags().StringVarP(&data, "data", "d", "", "the operations: @FILE, - for stdin, or the JSON itself (required)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		if data == "" {
			return usagef("--data is required")
		}
		b, err := a.readData(data)
		if err != nil {
			return err
		}
		ops, err := parseBulkOps(b)
		if err != nil {
			return err
		}
		p, dir, err := printerAndClient(ctx, a, bulkColumns, a.directory)
		if err != nil {
			return err
		}
		results, reqErr := a.bulkDo(ctx, dir, ops)
		out := struct {
			Operations []bulkResult `json:"Operations"`
		}{Operations: make([]bulkResult, 0, len(results))}
		var first error
		failed := 0
		for _, r := range results {
			br := bulkResult{
				BulkID: r.Operation.BulkID, Method: r.Operation.Method, Path: r.Operation.Path,
				Status: r.Status, Location: r.Location, Version: r.Version, Response: r.Response,
			}
			if r.Err == nil {
				br.ID = bulkResourceID(r)
			} else {
				br.Error = r.Err.Error()
				failed++
				if first == nil {
					first = r.Err
				}
				fmt.Fprintf(a.errOut, "ias: bulk operation %s %s %s: %s\n", br.BulkID, br.Method, br.Path, strings.TrimPrefix(br.Error, "ias: "))
			}
			out.Operations = append(out.Operations, br)
		}
		if len(results) > 0 {
			var doc any = out
			if p.table {
				doc = out.Operations // a row per operation, not one for the wrapper
			}
			if err := printDoc(p, doc); err != nil {
				return err
			}
		}
		switch {
		case first != nil:
			return &exitError{code: exitCode(first), err: fmt.Errorf("bulk: %d of %d operations failed", failed, len(results))}
		case reqErr != nil:
			return reqErr
		}
		return nil
	})
	return cmd
}

// bulkDo is dir.Bulk.Do, fed one request's worth of operations at a time
// so that a long run shows its progress. The operations keep the bulkIds
// Do would give them, and, as in Do, a failed request does not stop the
// next ones unless ctx is done; the error is the first request failure.
func (a *app) bulkDo(ctx context.Context, dir *scim.Directory, ops []scim.BulkOperation) ([]scim.BulkResult, error) {
	seen := map[string]bool{}
	for i, op := range ops {
		if op.BulkID != "" && seen[op.BulkID] {
			return nil, usagef("--data: operation %d: duplicate bulkId %q", i+1, op.BulkID)
		}
		seen[op.BulkID] = true
	}
	for i := range ops {
		if ops[i].BulkID == "" {
			id := "op" + strconv.Itoa(i+1)
			for seen[id] {
				id += "x"
			}
			ops[i].BulkID, seen[id] = id, true
		}
	}
	per := dir.Bulk.Limits(ctx).MaxOperations
	prog := a.progress(len(ops), "bulk operations")
	defer prog.close()
	var results []scim.BulkResult
	var first error
	for start := 0; start < len(ops); start += per {
		part, err := dir.Bulk.Do(ctx, ops[start:min(start+per, len(ops))])
		if part == nil && err != nil {
			return results, err // refused before sending, as Do refuses the whole list
		}
		results = append(results, part...)
		if err != nil && first == nil {
			first = err
		}
		prog.add(len(part))
	}
	return results, first
}

// bulkResourceID is the id of the resource an operation wrote: the new
// one's for a POST, else the one its path names.
func bulkResourceID(r scim.BulkResult) string {
	if id := createdID(r); id != "" || r.Operation.Method == http.MethodPost {
		return id
	}
	if parts := strings.Split(strings.Trim(r.Operation.Path, "/"), "/"); len(parts) == 2 {
		return parts[1]
	}
	return ""
}

// parseBulkOps accepts a BulkRequest or an array of operations.
func parseBulkOps(b []byte) ([]scim.BulkOperation, error) {
	b = bytes.TrimSpace(b)
	var ops []scim.BulkOperation
	if len(b) > 0 && b[0] == '[' {
		if err := json.Unmarshal(b, &ops); err != nil {
			return nil, usagef("--data: not an array of bulk operations: %v", err)
		}
	} else {
		var req scim.BulkRequest
		if err := json.Unmarshal(b, &req); err != nil {
			return nil, usagef("--data: not a SCIM BulkRequest: %v", err)
		}
		ops = req.Operations
	}
	if len(ops) == 0 {
		return nil, usagef("--data: no operations")
	}
	for i, op := range ops {
		if op.Method == "" || op.Path == "" {
			return nil, usagef("--data: operation %d: method and path are required", i+1)
		}
	}
	return ops, nil
}
