package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/itchyny/gojq"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth returns the width of w if it is a terminal, else 0.
var terminalWidth = func(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// column is one column of a table: a title and how to get the cell from
// a resource decoded as generic JSON.
type column struct {
	title string
	get   func(m map[string]any) string
}

// printer writes the results of a command to stdout in the chosen format:
// indented JSON for one document, NDJSON for streamed items, the results
// of --jq, or a table (printed by flush).
type printer struct {
	app   *app
	ctx   context.Context
	w     io.Writer
	jq    *gojq.Code
	table bool
	tty   bool
	width int
	cols  []column
	rows  [][]string
}

// printer makes the printer of a command; cols are its table columns
// (nil: generic columns).
func (a *app) printer(ctx context.Context, cols []column) (*printer, error) {
	p := &printer{app: a, ctx: ctx, w: a.out, table: a.output == "table", cols: cols, tty: isTerminal(a.out)}
	if p.tty {
		p.width = terminalWidth(a.out)
	}
	if a.jqExpr != "" {
		if p.table {
			return nil, usagef("--jq and -o table exclude each other")
		}
		q, err := gojq.Parse(a.jqExpr)
		if err != nil {
			return nil, usagef("--jq: %v", err)
		}
		code, err := gojq.Compile(q)
		if err != nil {
			return nil, usagef("--jq: %v", err)
		}
		p.jq = code
	}
	return p, nil
}

// printerAndClient makes the printer of a command, then its client with
// connect. The printer comes first so that a bad --jq (a usage error, exit
// 2) is refused before any credentials are looked for.
func printerAndClient[C any](ctx context.Context, a *app, cols []column, connect func() (C, error)) (*printer, C, error) {
	var none C
	p, err := a.printer(ctx, cols)
	if err != nil {
		return nil, none, err
	}
	c, err := connect()
	if err != nil {
		return nil, none, err
	}
	return p, c, nil
}

// printDoc prints one document and flushes.
func printDoc(p *printer, v any) error {
	if err := p.doc(v); err != nil {
		return err
	}
	return p.flush()
}

// doc prints one document: indented JSON, the --jq results, or the rows of
// a table (a list's Resources, or the document itself).
func (p *printer) doc(v any) error {
	return p.print(v, p.addRows, func(dst *bytes.Buffer, src []byte) error {
		return json.Indent(dst, src, "", "  ")
	})
}

// item prints one streamed element: an NDJSON line, its --jq results, or a
// table row.
func (p *printer) item(v any) error {
	return p.print(v, p.addRow, json.Compact)
}

// print is doc and item, which differ only in the table rows a value
// makes and in how its JSON is laid out on its line(s).
func (p *printer) print(v any, addRows func(g any), layout func(dst *bytes.Buffer, src []byte) error) error {
	switch {
	case p.jq != nil:
		return p.runJQ(v)
	case p.table:
		g, err := generic(v)
		if err != nil {
			return err
		}
		addRows(g)
		return nil
	}
	b, err := marshal(v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := layout(&buf, b); err != nil {
		return fmt.Errorf("formatting output: %w", err)
	}
	buf.WriteByte('\n')
	_, err = p.w.Write(buf.Bytes())
	return err
}

// runJQ prints the results of --jq on v: strings raw, other values as
// JSON (compact, or indented on a terminal), one per line.
func (p *printer) runJQ(v any) error {
	g, err := generic(v)
	if err != nil {
		return err
	}
	iter := p.jq.RunWithContext(p.ctx, g)
	for {
		r, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := r.(error); ok {
			if he, ok := err.(*gojq.HaltError); ok && he.Value() == nil {
				return nil
			}
			return fmt.Errorf("--jq: %w", err)
		}
		var line []byte
		switch r := r.(type) {
		case string:
			line = []byte(r)
		default:
			if p.tty {
				line, err = json.MarshalIndent(r, "", "  ")
			} else {
				line, err = json.Marshal(r)
			}
			if err != nil {
				return fmt.Errorf("--jq: %w", err)
			}
		}
		line = append(line, '\n')
		if _, err := p.w.Write(line); err != nil {
			return err
		}
	}
}

// addRow adds a table row for g.
func (p *printer) addRow(g any) {
	m, ok := g.(map[string]any)
	if !ok {
		m = map[string]any{"value": g}
	}
	if p.cols == nil {
		p.cols = genericColumns(m)
	}
	row := make([]string, len(p.cols))
	for i, c := range p.cols {
		row[i] = cleanCell(c.get(m), p.tty)
	}
	p.rows = append(p.rows, row)
}

// addRows adds the table rows of a document: one per resource of a list
// (its Resources, or a JSON array), else one for the document itself.
func (p *printer) addRows(g any) {
	if m, ok := g.(map[string]any); ok {
		if res, ok := m["Resources"].([]any); ok {
			for _, r := range res {
				p.addRow(r)
			}
			return
		}
	}
	if list, ok := g.([]any); ok {
		for _, r := range list {
			p.addRow(r)
		}
		return
	}
	p.addRow(g)
}

// flush writes the table, if any.
func (p *printer) flush() error {
	if !p.table || p.cols == nil {
		return nil
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	titles := make([]string, len(p.cols))
	for i, c := range p.cols {
		titles[i] = c.title
	}
	fmt.Fprintln(tw, strings.Join(titles, "\t"))
	for _, r := range p.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// cleanCell keeps a cell on one line and, on a terminal, at most 48
// characters.
func cleanCell(s string, tty bool) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		s = "-"
	}
	if tty && utf8.RuneCountInString(s) > 48 {
		r := []rune(s)
		s = string(r[:47]) + "…"
	}
	return s
}

// genericColumns are the scalar members of the first row, sorted, for
// resources without their own table layout.
func genericColumns(m map[string]any) []column {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		switch v.(type) {
		case map[string]any, []any:
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	}
	cols := make([]column, len(keys))
	for i, k := range keys {
		cols[i] = column{strings.ToUpper(k), field(k)}
	}
	return cols
}

// keyValueRows lays out a flat object as KEY and VALUE rows.
func keyValueRows(m map[string]any) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([]any, len(keys))
	for i, k := range keys {
		rows[i] = map[string]any{"key": k, "value": m[k]}
	}
	return rows
}

// field returns a getter of the member at a path: each argument is one
// member name (a name may hold dots, as schema URNs do).
func field(parts ...string) func(map[string]any) string {
	return func(m map[string]any) string {
		var v any = m
		for _, p := range parts {
			mm, ok := v.(map[string]any)
			if !ok {
				return ""
			}
			v = mm[p]
		}
		return scalar(v)
	}
}

// scalar renders a value for a table cell.
func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		return strconv.Itoa(len(v))
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// marshal encodes v as JSON without HTML escaping; raw JSON passes as is.
func marshal(v any) ([]byte, error) {
	switch v := v.(type) {
	case json.RawMessage:
		return v, nil
	case []byte:
		return v, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding output: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// generic converts v to the generic JSON values gojq and the tables work
// on (maps, slices, float64, string, bool, nil).
func generic(v any) (any, error) {
	b, err := marshal(v)
	if err != nil {
		return nil, err
	}
	var g any
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("decoding output: %w", err)
	}
	return g, nil
}

// diag writes a diagnostic line to stderr when stderr is a terminal or
// --verbose is set, so that scripts stay quiet.
func (a *app) diag(format string, args ...any) {
	if a.verbose || isTerminal(a.errOut.w) {
		fmt.Fprintf(a.errOut, "ias: "+format+"\n", args...)
	}
}
