package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/go-ias/ias/scim"
)

// readImport reads and parses FILE (or stdin for "-").
func (a *app) readImport(name, format string) ([]importRow, error) {
	var r io.Reader
	if name == "-" {
		r = limitReader(a.in, maxImportSize, "stdin")
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("%v", err)
		}
		defer f.Close()
		r = limitReader(f, maxImportSize, name)
	}
	rows, err := parseImport(r, name, format)
	if errors.Is(err, errTooLarge) {
		err = usagef("%v; split it into smaller files", err)
	}
	return rows, err
}

// parseImport parses an import file in format, or the one its name or
// first character suggest.
func parseImport(r io.Reader, name, format string) ([]importRow, error) {
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

// parseNDJSON reads one SCIM user per non-empty line; a row's number is
// its line in the file.
func parseNDJSON(r io.Reader) ([]importRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var rows []importRow
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff")) // a byte order mark
		}
		if len(text) == 0 {
			continue
		}
		u := new(scim.User)
		ir := importRow{row: line, user: u}
		if err := json.Unmarshal(text, u); err != nil {
			ir.err = fmt.Errorf("not a SCIM user: %v", err)
		} else {
			ir.err = checkImportUser(u)
		}
		rows = append(rows, ir)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the import file after line %d: %w", line, err)
	}
	return rows, nil
}

// parseCSV reads a header row and one user per record; a row's number is
// the line in the file where its record starts.
func parseCSV(r io.Reader) ([]importRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
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
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("reading the import file: %w", err)
			}
			if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine < pe.Line {
				// The quoted field never ends: every later line would be
				// read into it, and those rows silently lost.
				return nil, fmt.Errorf("import file line %d: a quoted field is not closed (it runs to line %d); nothing was imported", pe.StartLine, pe.Line)
			}
			rows = append(rows, importRow{row: pe.StartLine, err: fmt.Errorf("CSV: %v", pe.Err)})
			continue
		}
		line, _ := cr.FieldPos(0)
		u, err := userFromRecord(cols, rec)
		if err == nil {
			err = checkImportUser(u)
		}
		rows = append(rows, importRow{row: line, user: u, err: err})
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
