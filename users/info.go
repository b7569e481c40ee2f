package users

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-ias/ias"
)

// Info is the SP user information of GET /service/users/{spUserId}. IAS
// returns only the attributes that exist for the user, so any field may be
// empty. Values are kept as sent: the formats of the dates are not
// documented beyond the registration example (yyyyMMddHHmmssZ).
type Info struct {
	// ID is the SP user id that was asked for.
	ID             string
	UserProfileID  string // user_profile_id
	NameID         string // name_id
	Status         string // status: "active", "inactive", ...
	ProfileStatus  string // profile_status
	ValidFrom      string // valid_from
	ValidTo        string // valid_to
	ActivationTime string // activation_time
	Email          string // email
	Language       string // language
	FirstName      string // first_name
	LastName       string // last_name
	SPName         string // sp_name
	LoginName      string // login_name
	Country        string // country
	City           string // city
	CompanyCity    string // company_city
	// SPCustomAttributes are spCustomAttribute1 to spCustomAttribute5.
	SPCustomAttributes [5]string
	// Extra keeps every element the SDK does not know, by name, so that
	// nothing the tenant sends is lost.
	Extra map[string]string
}

// Get returns the SP user information of the SP user id. The response
// format is not documented (see docs/undocumented.md); XML is expected
// (the elements of the root element, whatever its name, are read by name)
// and a JSON object is accepted too. An unknown SP user is ias.ErrNotFound.
func (c *Client) Get(ctx context.Context, spUserID string) (*Info, error) {
	if err := checkID("get SP user", spUserID); err != nil {
		return nil, err
	}
	var body []byte
	resp, err := c.c.Do(ctx, &ias.Request{
		Path:        userPath(spUserID),
		Query:       c.query(nil),
		ContentType: spUserIDType,
		Accept:      spUserIDType + ", application/xml;q=0.9, application/json;q=0.8, */*;q=0.5",
	}, &body)
	if err != nil {
		return nil, err
	}
	fields, err := decodeFields(body)
	if err != nil {
		return nil, fmt.Errorf("users: get SP user: %w: %w [request %s]", ias.ErrInvalidResponse, err, resp.RequestID)
	}
	info := &Info{ID: spUserID}
	info.fill(fields)
	return info, nil
}

// fill moves the known fields into their places and keeps the rest.
func (in *Info) fill(fields map[string]string) {
	known := map[string]*string{
		"user_profile_id": &in.UserProfileID,
		"name_id":         &in.NameID,
		"status":          &in.Status,
		"profile_status":  &in.ProfileStatus,
		"valid_from":      &in.ValidFrom,
		"valid_to":        &in.ValidTo,
		"activation_time": &in.ActivationTime,
		"email":           &in.Email,
		"language":        &in.Language,
		"first_name":      &in.FirstName,
		"last_name":       &in.LastName,
		"sp_name":         &in.SPName,
		"login_name":      &in.LoginName,
		"country":         &in.Country,
		"city":            &in.City,
		"company_city":    &in.CompanyCity,
	}
	for i := range in.SPCustomAttributes {
		known["spCustomAttribute"+strconv.Itoa(i+1)] = &in.SPCustomAttributes[i]
	}
	for k, v := range fields {
		if p, ok := known[k]; ok {
			*p = v
			continue
		}
		if in.Extra == nil {
			in.Extra = map[string]string{}
		}
		in.Extra[k] = v
	}
}

// decodeFields reads a flat record: the child elements of an XML root
// element (text of nested elements concatenated), or the members of a JSON
// object (non-string values kept as their JSON text). An empty body is an
// empty record.
func decodeFields(body []byte) (map[string]string, error) {
	trimmed := bytes.TrimSpace(body)
	fields := map[string]string{}
	switch {
	case len(trimmed) == 0:
		return fields, nil
	case trimmed[0] == '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &m); err != nil {
			return nil, err
		}
		for k, raw := range m {
			var s string
			if string(raw) == "null" {
				continue
			}
			if json.Unmarshal(raw, &s) == nil {
				fields[k] = s
			} else {
				fields[k] = string(raw)
			}
		}
		return fields, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(trimmed))
	dec.Entity = xml.HTMLEntity
	depth := 0
	var name string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				name = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if depth >= 2 {
				text.Write(t)
			}
		case xml.EndElement:
			if depth == 2 {
				fields[name] = strings.TrimSpace(text.String())
			}
			depth--
		}
	}
	if depth != 0 {
		return nil, errors.New("unterminated XML")
	}
	return fields, nil
}
