package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/scim"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

// importGrace is how long an interrupted import waits for the chunk in
// flight, so that the report says exactly what happened to it.
const importGrace = 30 * time.Second

// importChunkStart and importChunkDone, when set by a test, are called
// before and after each chunk is sent.
var importChunkStart, importChunkDone func(chunk int)

// importColumns is the table layout of the import report.
var importColumns = []column{
	{"ROW", field("row")},
	{"USERNAME", field("userName")},
	{"EMAIL", field("email")},
	{"STATUS", field("status")},
	{"ID", field("id")},
	{"DETAIL", func(m map[string]any) string { return firstNonEmpty(field("error")(m), field("detail")(m)) }},
}

// Row statuses of the import report.
const (
	statusCreated = "created"
	statusExists  = "exists"
	statusFailed  = "failed"
	statusInvalid = "invalid"
)

// importRow is one record of the input.
type importRow struct {
	row  int // 1-based record number (the CSV header is not counted)
	user *scim.User
	err  error
}

// rowResult is one line of the report.
type rowResult struct {
	Row      int    `json:"row"`
	UserName string `json:"userName,omitempty"`
	Email    string `json:"email,omitempty"`
	Status   string `json:"status"`
	ID       string `json:"id,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Error    string `json:"error,omitempty"`
	code     int
}

// csvColumns are the CSV columns import understands (case-insensitive).
var csvColumns = []string{"userName", "email", "givenName", "familyName", "displayName",
	"userType", "externalId", "active", "locale", "timezone", "title", "sendMail"}

const importHelp = `Create users from FILE (- for stdin) through SCIM Bulk requests of at most
--chunk-size users, paced to stay under IAS's throttling (190 SCIM requests a
minute, 429 cool-downs shared by all requests).

FILE is CSV with a header row, or NDJSON with one SCIM user per line (chosen
by the extension, else by the first character). CSV columns, any order,
case-insensitive: ` + "userName, email, givenName, familyName, displayName, userType, externalId, active, locale, timezone, title, sendMail" + `.

It is safe to run again: a user that exists already (409) is reported as
"exists", not created twice, and does not fail the import. The report has one
JSON line per row on stdout ({"row", "userName", "email", "status", "id",
"detail", "error"}; status created, exists, failed or invalid) and a summary on stderr,
with a progress bar when stderr is a terminal.

Ctrl-C stops cleanly: the chunk in flight is finished, and the message says
which --start-row resumes the import (exit code 130). The exit code is 0 when
every row was created or existed, else the class of the first failure.`

// usersImport builds its command.
func (a *app) usersImport() *cobra.Command {
	var format string
	var chunkSize, startRow int
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Create users from a CSV or NDJSON file, in paced bulk chunks; safe to re-run",
		Long:  importHelp,
		Example: `  ias users import people.csv > report.ndjson
  ias users import people.csv --start-row 201    # resume after Ctrl-C
  ias users import people.ndjson --jq 'select(.status == "failed")'`,
		Args: exactArgs("FILE"),
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or ndjson (default: from the extension or content)")
	cmd.Flags().IntVar(&chunkSize, "chunk-size", scim.MaxBulkOperations, "users per bulk request (1 to 100)")
	cmd.Flags().IntVar(&startRow, "start-row", 1, "skip the rows before this one (to resume)")
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, args []string) error {
		if chunkSize < 1 || chunkSize > scim.MaxBulkOperations {
			return usagef("--chunk-size %d: want 1 to %d", chunkSize, scim.MaxBulkOperations)
		}
		if startRow < 1 {
			return usagef("--start-row %d: want 1 or more", startRow)
		}
		rows, err := a.readImport(args[0], format)
		if err != nil {
			return err
		}
		p, dir, err := printerAndClient(ctx, a, importColumns, a.directory)
		if err != nil {
			return err
		}
		im := &importer{a: a, p: p, dir: dir, file: args[0], chunkSize: chunkSize}
		return im.run(ctx, rows, startRow)
	})
	return cmd
}

// importer runs one import.
type importer struct {
	a         *app
	p         *printer
	dir       *scim.Directory
	file      string
	chunkSize int

	counts    map[string]int
	firstFail *rowResult
}

// run imports the rows from startRow on, chunk by chunk.
func (im *importer) run(ctx context.Context, rows []importRow, startRow int) error {
	im.counts = map[string]int{}
	var todo []importRow
	for _, r := range rows {
		if r.row >= startRow {
			todo = append(todo, r)
		}
	}
	var bar *progressbar.ProgressBar
	if len(todo) > 0 && isTerminal(im.a.errOut.w) {
		bar = progressbar.NewOptions(len(todo),
			progressbar.OptionSetWriter(im.a.errOut),
			progressbar.OptionSetDescription("importing users"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	// The chunk in flight is sent with a context that survives Ctrl-C
	// for importGrace, so that its outcome is known and reported.
	reqCtx, cancelReq := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelReq()
	stopWatch := context.AfterFunc(ctx, func() {
		t := time.NewTimer(importGrace)
		defer t.Stop()
		select {
		case <-t.C:
			cancelReq()
		case <-reqCtx.Done():
		}
	})
	defer stopWatch()

	chunk := 0
	for start := 0; start < len(todo); start += im.chunkSize {
		if ctx.Err() != nil {
			if bar != nil {
				_ = bar.Exit()
			}
			return im.interrupted(todo[start].row)
		}
		part := todo[start:min(start+im.chunkSize, len(todo))]
		chunk++
		if importChunkStart != nil {
			importChunkStart(chunk)
		}
		incomplete, err := im.sendChunk(reqCtx, part)
		if bar != nil {
			_ = bar.Add(len(part))
		}
		if importChunkDone != nil {
			importChunkDone(chunk)
		}
		if incomplete {
			if bar != nil {
				_ = bar.Exit()
			}
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return im.interrupted(part[0].row)
			}
			im.summary()
			fmt.Fprintf(im.a.errOut, "ias: import stopped at row %d; after fixing the cause, resume with: ias users import %s --start-row %d\n",
				part[0].row, im.file, part[0].row)
			return err
		}
	}
	if bar != nil {
		_ = bar.Finish()
	}
	if err := im.p.flush(); err != nil {
		return err
	}
	im.summary()
	if f := im.firstFail; f != nil {
		return &exitError{code: f.code, err: fmt.Errorf("import: %d row(s) failed, the first is row %d: %s",
			im.counts[statusFailed]+im.counts[statusInvalid], f.Row, f.Error)}
	}
	return nil
}

// sendChunk creates the users of part in one bulk request and reports each
// row. incomplete means the request as a whole failed (network, context,
// 5xx after retries): its rows are not reported, and the import stops.
func (im *importer) sendChunk(ctx context.Context, part []importRow) (incomplete bool, err error) {
	out := make([]rowResult, len(part))
	var ops []scim.BulkOperation
	var at []int // index in part of each operation
	for i, r := range part {
		if r.err != nil {
			out[i] = rowResult{Row: r.row, Status: statusInvalid, Error: r.err.Error(), code: exitUsage}
			continue
		}
		op := scim.BulkCreateUser(r.user)
		op.BulkID = "row-" + strconv.Itoa(r.row)
		ops = append(ops, op)
		at = append(at, i)
	}
	if len(ops) > 0 {
		results, reqErr := im.dir.Bulk.Do(ctx, ops)
		if reqErr != nil {
			return true, reqErr
		}
		for k, res := range results {
			i := at[k]
			rr := rowResult{Row: part[i].row}
			switch {
			case res.Err == nil:
				rr.Status = statusCreated
				rr.ID = createdID(res)
			case errors.Is(res.Err, ias.ErrConflict):
				rr.Status = statusExists
				rr.Detail = detailOf(res.Err)
			default:
				rr.Status = statusFailed
				rr.Error = detailOf(res.Err)
				rr.code = exitCode(res.Err)
			}
			out[i] = rr
		}
	}
	for i, rr := range out {
		im.report(rr, part[i].user)
	}
	return false, nil
}

// createdID is the new user's id, from the response body or the Location.
func createdID(res scim.BulkResult) string {
	var body struct {
		ID string `json:"id"`
	}
	if len(res.Response) > 0 && json.Unmarshal(res.Response, &body) == nil && body.ID != "" {
		return body.ID
	}
	if res.Location != "" {
		return path.Base(strings.TrimRight(res.Location, "/"))
	}
	return ""
}

// detailOf is the short reason of a failed operation.
func detailOf(err error) string {
	var e *ias.Error
	if errors.As(err, &e) {
		s := strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode)
		if e.Detail != "" {
			s += ": " + e.Detail
		}
		return s
	}
	return err.Error()
}

// report prints one row of the report and counts it.
func (im *importer) report(rr rowResult, u *scim.User) {
	if u != nil {
		rr.UserName = u.UserName
		for _, e := range u.Emails {
			if rr.Email == "" || e.Primary {
				rr.Email = e.Value
			}
		}
	}
	im.counts[rr.Status]++
	if (rr.Status == statusFailed || rr.Status == statusInvalid) && im.firstFail == nil {
		c := rr
		im.firstFail = &c
	}
	if err := im.p.item(rr); err != nil {
		fmt.Fprintf(im.a.errOut, "ias: writing the report: %v\n", err)
	}
}

// summary prints the counts on stderr.
func (im *importer) summary() {
	fmt.Fprintf(im.a.errOut, "ias: import: %d created, %d existed, %d failed, %d invalid\n",
		im.counts[statusCreated], im.counts[statusExists], im.counts[statusFailed], im.counts[statusInvalid])
}

// interrupted ends an import stopped by Ctrl-C before row next.
func (im *importer) interrupted(next int) error {
	_ = im.p.flush()
	im.summary()
	return fmt.Errorf("%w: import stopped before row %d; resume with: ias users import %s --start-row %d",
		errInterrupted, next, im.file, next)
}

// readImport reads and parses FILE (or stdin for "-").
func (a *app) readImport(name, format string) ([]importRow, error) {
	var r io.Reader
	if name == "-" {
		r = a.in
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("%v", err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if format == "" {
		switch strings.ToLower(path.Ext(name)) {
		case ".csv":
			format = "csv"
		case ".ndjson", ".jsonl", ".json":
			format = "ndjson"
		default:
			format = "csv"
			if b, err := br.Peek(64); len(b) > 0 || err == nil {
				if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
					format = "ndjson"
				}
			}
		}
	}
	switch format {
	case "csv":
		return parseCSV(br)
	case "ndjson":
		return parseNDJSON(br)
	}
	return nil, usagef("--format %q: want csv or ndjson", format)
}

// parseNDJSON reads one SCIM user per non-empty line.
func parseNDJSON(r io.Reader) ([]importRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var rows []importRow
	n := 0
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		n++
		u := new(scim.User)
		ir := importRow{row: n, user: u}
		if err := json.Unmarshal(line, u); err != nil {
			ir.err = fmt.Errorf("not a SCIM user: %v", err)
		} else {
			ir.err = checkImportUser(u)
		}
		rows = append(rows, ir)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the import file: %w", err)
	}
	return rows, nil
}

// parseCSV reads a header row and one user per record.
func parseCSV(r io.Reader) ([]importRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, usagef("import file: %v", err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")
		for _, known := range csvColumns {
			if strings.EqualFold(h, known) {
				cols[i] = known
			}
		}
		if cols[i] == "" {
			return nil, usagef("import file: unknown CSV column %q; known: %s", h, strings.Join(csvColumns, ", "))
		}
	}
	var rows []importRow
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err != csv.ErrFieldCount {
				rows = append(rows, importRow{row: n, err: fmt.Errorf("CSV: %v", pe.Err)})
				continue
			}
			return nil, usagef("import file: %v", err)
		}
		u, err := userFromRecord(cols, rec)
		if err == nil {
			err = checkImportUser(u)
		}
		rows = append(rows, importRow{row: n, user: u, err: err})
	}
}

// userFromRecord builds a user from one CSV record.
func userFromRecord(cols, rec []string) (*scim.User, error) {
	u := new(scim.User)
	if len(rec) > len(cols) {
		return u, fmt.Errorf("%d fields, but the header has %d", len(rec), len(cols))
	}
	for i, v := range rec {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch cols[i] {
		case "userName":
			u.UserName = v
		case "email":
			u.Emails = []scim.Email{{Value: v, Primary: true, Type: "work"}}
		case "givenName", "familyName":
			if u.Name == nil {
				u.Name = new(scim.Name)
			}
			if cols[i] == "givenName" {
				u.Name.GivenName = v
			} else {
				u.Name.FamilyName = v
			}
		case "displayName":
			u.DisplayName = v
		case "userType":
			u.UserType = v
		case "externalId":
			u.ExternalID = v
		case "locale":
			u.Locale = v
		case "timezone":
			u.Timezone = v
		case "title":
			u.Title = v
		case "active", "sendMail":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return u, fmt.Errorf("%s %q: want true or false", cols[i], v)
			}
			if cols[i] == "active" {
				u.Active = &b
			} else {
				if u.SAP == nil {
					u.SAP = new(scim.SAPUser)
				}
				u.SAP.SendMail = &b
			}
		}
	}
	return u, nil
}

// checkImportUser refuses rows IAS would refuse for sure.
func checkImportUser(u *scim.User) error {
	hasMail := false
	for _, e := range u.Emails {
		hasMail = hasMail || e.Value != ""
	}
	if !hasMail {
		return errors.New("no e-mail address (IAS requires one)")
	}
	if u.ID != "" {
		return errors.New("has an id: import creates users; use users replace for existing ones")
	}
	return nil
}
