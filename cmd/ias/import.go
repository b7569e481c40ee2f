package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/scim"
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
	// statusWouldCreate is a row --dry-run found nothing against.
	statusWouldCreate = "would-create"
)

// importRow is one record of the input.
type importRow struct {
	row  int // the line of the file where the record starts
	user *scim.User
	err  error // the row is invalid
	dup  error // the row repeats an earlier row's userName or e-mail
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
A CSV quoted field that is never closed stops the import before anything
is sent (it would swallow every later line). FILE may hold up to 64 MiB
(a million rows or more); split a larger one.

The report has one JSON line per row on stdout ({"row", "userName", "email",
"status", "id", "detail", "error"}); "row" is the row's line in the file. The
status is one of:
  created       the user was created ("id" is the new user's)
  exists        a user with the row's userName and e-mail is already in the
                tenant ("id" is that user's): safe to re-run
  failed        not created, "error" says why: the userName or e-mail is held
                by another user, the row repeats an earlier row's userName or
                e-mail, or IAS refused it
  invalid       the row cannot be a user (no e-mail, bad CSV, bad JSON)
  would-create  (--dry-run) nothing in the tenant is in the way
A summary goes to stderr, with a progress bar (rate, ETA) when stderr is a
terminal.

--dry-run validates every row and looks each one up in the tenant (one
paced GET per row), prints the report, and writes nothing.

Ctrl-C stops cleanly: the chunk in flight is finished, and the message says
which --start-row resumes the import (exit code 130). The exit code is 0 when
every row was created or existed; else that of the first failed row: 1 for
invalid or repeated rows, 6 for a conflict with another user, the class of
IAS's answer otherwise.`

// usersImport builds its command.
func (a *app) usersImport() *cobra.Command {
	var format string
	var chunkSize, startRow int
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Create users from a CSV or NDJSON file, in paced bulk chunks; safe to re-run",
		Long:  importHelp,
		Example: `  ias users import people.csv --dry-run -o table
  ias users import people.csv > report.ndjson
  ias users import people.csv --start-row 201    # resume after Ctrl-C
  ias users import people.ndjson --jq 'select(.status == "failed")'`,
		Args: exactArgs("FILE"),
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or ndjson (default: from the extension or content)")
	cmd.Flags().IntVar(&chunkSize, "chunk-size", scim.MaxBulkOperations, "users per bulk request (1 to 100)")
	cmd.Flags().IntVar(&startRow, "start-row", 1, "skip the rows that start before this line of the file (to resume)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "validate and look up every row, print what would be created, write nothing")
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
		markDuplicates(rows)
		p, dir, err := printerAndClient(ctx, a, importColumns, a.directory)
		if err != nil {
			return err
		}
		im := &importer{a: a, p: p, dir: dir, file: args[0], chunkSize: chunkSize, dryRun: dryRun}
		return im.run(ctx, rows, startRow)
	})
	return cmd
}

// markDuplicates marks the rows that repeat the userName or e-mail of an
// earlier row: IAS would refuse the second (409), or worse, a second row
// with the same userName and another e-mail would be taken for the first.
func markDuplicates(rows []importRow) {
	userNames, emails := map[string]int{}, map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.err != nil {
			continue
		}
		name, mail := strings.ToLower(r.user.UserName), strings.ToLower(primaryEmail(r.user))
		switch {
		case name != "" && userNames[name] != 0:
			r.dup = fmt.Errorf("the userName %q is also on line %d of the file", r.user.UserName, userNames[name])
		case mail != "" && emails[mail] != 0:
			r.dup = fmt.Errorf("the e-mail %s is also on line %d of the file", primaryEmail(r.user), emails[mail])
		}
		if r.dup != nil {
			continue
		}
		if name != "" {
			userNames[name] = r.row
		}
		if mail != "" {
			emails[mail] = r.row
		}
	}
}

// primaryEmail is the primary (else the first) e-mail address of u.
func primaryEmail(u *scim.User) string {
	mail := ""
	for _, e := range u.Emails {
		if mail == "" || e.Primary {
			mail = e.Value
		}
	}
	return mail
}

// importer runs one import.
type importer struct {
	a         *app
	p         *printer
	dir       *scim.Directory
	file      string
	chunkSize int
	dryRun    bool

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
	prog := im.a.progress(len(todo), "importing users")
	defer prog.close()
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
			prog.close()
			return im.interrupted(todo[start].row)
		}
		part := todo[start:min(start+im.chunkSize, len(todo))]
		chunk++
		if importChunkStart != nil {
			importChunkStart(chunk)
		}
		incomplete, err := im.sendChunk(reqCtx, part)
		prog.add(len(part))
		if importChunkDone != nil {
			importChunkDone(chunk)
		}
		if incomplete {
			prog.close()
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return im.interrupted(part[0].row)
			}
			im.summary()
			fmt.Fprintf(im.a.errOut, "ias: import stopped at row %d; after fixing the cause, resume with: %s\n",
				part[0].row, im.resume(part[0].row))
			return err
		}
	}
	prog.close()
	if err := im.p.flush(); err != nil {
		return err
	}
	im.summary()
	if f := im.firstFail; f != nil {
		failed, invalid := im.counts[statusFailed], im.counts[statusInvalid]
		what := "failed or invalid"
		switch {
		case invalid == 0:
			what = "failed"
		case failed == 0:
			what = "invalid"
		}
		return &exitError{code: f.code, err: fmt.Errorf("import: %d row(s) %s, the first on line %d: %s",
			failed+invalid, what, f.Row, f.Error)}
	}
	return nil
}

// sendChunk creates the users of part in one bulk request (with --dry-run:
// looks each one up) and reports each row. incomplete means the request as
// a whole failed (network, context, 5xx after retries): its rows are not
// reported, and the import stops.
func (im *importer) sendChunk(ctx context.Context, part []importRow) (incomplete bool, err error) {
	out := make([]rowResult, len(part))
	var ops []scim.BulkOperation
	var at []int // index in part of each operation
	for i, r := range part {
		switch {
		case r.err != nil:
			out[i] = rowResult{Row: r.row, Status: statusInvalid, Error: r.err.Error(), code: exitOther}
		case r.dup != nil:
			out[i] = rowResult{Row: r.row, Status: statusFailed, Error: r.dup.Error(), code: exitOther}
		default:
			op := scim.BulkCreateUser(r.user)
			op.BulkID = "row-" + strconv.Itoa(r.row)
			ops = append(ops, op)
			at = append(at, i)
		}
	}
	switch {
	case len(ops) == 0:
	case im.dryRun:
		for _, i := range at {
			rr, err := im.lookUp(ctx, part[i], nil)
			if err != nil {
				return true, err
			}
			out[i] = rr
		}
	default:
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
				rr, err = im.lookUp(ctx, part[i], res.Err)
				if err != nil {
					rr = rowResult{Row: part[i].row, Status: statusFailed, code: exitCode(res.Err),
						Error: detailOf(res.Err) + "; looking up the user in the way failed: " + detailOf(err)}
				}
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

// lookUp finds the users that hold the row's userName or e-mail: the row
// "exists" only when the user with its userName (or, without one, its
// e-mail) has its e-mail too; another holder makes it "failed". conflict
// is the 409 IAS answered (nil with --dry-run, where finding nobody means
// the row would be created).
func (im *importer) lookUp(ctx context.Context, r importRow, conflict error) (rowResult, error) {
	u, mail := r.user, primaryEmail(r.user)
	f := scim.Eq("emails.value", mail)
	if u.UserName != "" {
		f = scim.Eq("userName", u.UserName).Or(f)
	}
	page, err := im.dir.Users.List(ctx, scim.Query{Filter: f, Count: 10, Attributes: []string{"id", "userName", "emails"}})
	if err != nil {
		return rowResult{}, err
	}
	rr := rowResult{Row: r.row}
	id, inTheWay := matchExisting(u, mail, page.Resources)
	switch {
	case id != "":
		rr.Status, rr.ID = statusExists, id
	case inTheWay != "":
		rr.Status, rr.Error, rr.code = statusFailed, inTheWay, exitConflict
		if conflict != nil {
			rr.Error = "409 Conflict: " + inTheWay
		}
	case conflict != nil:
		// IAS refused it for something other than userName or e-mail
		// (a userUuid, say): not the row's user.
		rr.Status, rr.Error, rr.code = statusFailed, detailOf(conflict), exitCode(conflict)
	default:
		rr.Status = statusWouldCreate
	}
	return rr, nil
}

// matchExisting returns the id of the user in found that the row u
// describes (same userName, or same e-mail when u has no userName, and
// holding u's e-mail), or why another user is in the way.
func matchExisting(u *scim.User, mail string, found []scim.User) (id, inTheWay string) {
	hasMail := func(x *scim.User) bool {
		for _, e := range x.Emails {
			if strings.EqualFold(e.Value, mail) {
				return true
			}
		}
		return false
	}
	for i := range found {
		x := &found[i]
		if u.UserName != "" && strings.EqualFold(x.UserName, u.UserName) {
			if hasMail(x) {
				return x.ID, ""
			}
			return "", fmt.Sprintf("the userName %q belongs to user %s, whose e-mail is not %s", u.UserName, x.ID, mail)
		}
	}
	for i := range found {
		x := &found[i]
		if hasMail(x) {
			if u.UserName == "" {
				return x.ID, ""
			}
			return "", fmt.Sprintf("the e-mail %s belongs to user %s (userName %q)", mail, x.ID, x.UserName)
		}
	}
	return "", ""
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
		rr.UserName, rr.Email = u.UserName, primaryEmail(u)
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
	if im.dryRun {
		fmt.Fprintf(im.a.errOut, "ias: import (dry run, nothing written): %d would be created, %d existed, %d failed, %d invalid\n",
			im.counts[statusWouldCreate], im.counts[statusExists], im.counts[statusFailed], im.counts[statusInvalid])
		return
	}
	fmt.Fprintf(im.a.errOut, "ias: import: %d created, %d existed, %d failed, %d invalid\n",
		im.counts[statusCreated], im.counts[statusExists], im.counts[statusFailed], im.counts[statusInvalid])
}

// interrupted ends an import stopped by Ctrl-C before row next.
func (im *importer) interrupted(next int) error {
	_ = im.p.flush()
	im.summary()
	return fmt.Errorf("%w: import stopped before row %d; resume with: %s",
		errInterrupted, next, im.resume(next))
}

// resume is the command line that resumes the import at row.
func (im *importer) resume(row int) string {
	s := fmt.Sprintf("ias users import %s --start-row %d", im.file, row)
	if im.dryRun {
		s += " --dry-run"
	}
	return s
}
