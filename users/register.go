package users

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/go-ias/ias"
)

// validityLayout is the documented format of valid_from and valid_to
// (yyyyMMddHHmmssZ, example 20110901120000Z); times are sent in UTC.
const validityLayout = "20060102150405Z"

// Registration holds every documented parameter of a user registration
// (POST /service/users). Zero values are not sent. The documented
// applicationId form field is sent by a Client made with ForApplication.
type Registration struct {
	// Email is the user's e-mail address (email, required, unique).
	Email string
	// LastName is the last name (last_name, required, at most 64 characters).
	LastName string
	// FirstName is the first name (first_name, at most 32 characters).
	FirstName string
	// UserProfileID is the user ID (user_profile_id).
	UserProfileID string
	// LoginName is the logon name (login_name).
	LoginName string
	// NameID is the name ID of the user (name_id).
	NameID string
	// Language is the language of the activation e-mail (language): XX,
	// xx, xx-XX or xx_XX; English otherwise.
	Language string
	// ValidFrom and ValidTo bound the validity of the SP user (valid_from,
	// valid_to); sent in UTC as yyyyMMddHHmmssZ.
	ValidFrom, ValidTo time.Time
	// SourceURL is the public page hosting the logon overlays (source_url);
	// it must end with "/". Absent: the activation page has no overlay.
	SourceURL string
	// TargetURL is where the user lands after activation (target_url);
	// absent: the application's Home URL.
	TargetURL string
	// SkipEmail sends send_email=false: no activation e-mail is sent and,
	// for a new user, the activation link is returned in
	// Registered.ActivationLink instead.
	SkipEmail bool
	// SPCustomAttributes are spCustomAttribute1 to spCustomAttribute5.
	SPCustomAttributes [5]string
}

// Registered is the outcome of a successful registration.
type Registered struct {
	// ID is the new SP user's id, taken from the Location header.
	ID string
	// Location is the URL of the new SP user.
	Location string
	// ActivationLink is set when SkipEmail was set and the user is new.
	ActivationLink string
	// RequestID is the X-Ids-Id header, for support tickets.
	RequestID string
}

// ExistsError is returned by Register for 409 Conflict: the SP user exists
// already, and ID (from the Location header) names it. ID is empty when the
// tenant sent no usable Location. It unwraps to the *ias.Error, so
// errors.Is(err, ias.ErrConflict) holds too.
type ExistsError struct {
	// ID is the existing SP user's id.
	ID string
	// Location is the existing SP user's URL, as sent.
	Location string
	// Err is the 409 answer.
	Err *ias.Error
}

// Error names the existing user and the underlying answer.
func (e *ExistsError) Error() string {
	return fmt.Sprintf("users: SP user exists already (id %q): %v", e.ID, e.Err)
}

// Unwrap returns the *ias.Error of the 409.
func (e *ExistsError) Unwrap() error { return e.Err }

// Register registers a new user, or a partner on behalf, with the
// application and returns the new SP user's id. A 409 is returned as
// *ExistsError carrying the existing user's id; a 400 (ias.ErrBadRequest)
// means that the underlying user is inactive.
//
// Registration is not idempotent: the pipeline sends it again only when
// IAS certainly did not act on it (429, 503, nothing sent).
func (c *Client) Register(ctx context.Context, r Registration) (*Registered, error) {
	form, err := c.registrationForm(r)
	if err != nil {
		return nil, err
	}
	// The raw body is decoded here, not by the pipeline: a created user
	// must not turn into an error because of an unexpected body.
	var body []byte
	resp, err := c.c.Do(ctx, &ias.Request{
		Method: http.MethodPost,
		Path:   []string{"service", "users"},
		Form:   form,
		Accept: "application/json, */*;q=0.8",
	}, &body)
	if err != nil {
		var e *ias.Error
		if errors.As(err, &e) && e.StatusCode == http.StatusConflict {
			loc := e.Header.Get("Location")
			return nil, &ExistsError{ID: idFromLocation(loc), Location: loc, Err: e}
		}
		return nil, err
	}
	out := &Registered{
		ID:             idFromLocation(resp.Location),
		Location:       resp.Location,
		ActivationLink: activationLink(body),
		RequestID:      resp.RequestID,
	}
	if out.ID == "" {
		return out, fmt.Errorf("users: register: %w: %d answer without an SP user Location (got %q) [request %s]",
			ias.ErrInvalidResponse, resp.StatusCode, resp.Location, resp.RequestID)
	}
	return out, nil
}

// registrationForm checks r and encodes it as the documented form.
func (c *Client) registrationForm(r Registration) (url.Values, error) {
	const op = "register"
	if err := checkEmail(op, "email", r.Email); err != nil {
		return nil, err
	}
	if r.LastName == "" {
		return nil, invalid(op, "empty last name (last_name is required)")
	}
	if err := checkLen(op, "last name", r.LastName, MaxLastNameLen); err != nil {
		return nil, err
	}
	if err := checkLen(op, "first name", r.FirstName, MaxFirstNameLen); err != nil {
		return nil, err
	}
	if err := checkLanguage(op, r.Language); err != nil {
		return nil, err
	}
	if err := checkURL(op, "source URL", r.SourceURL); err != nil {
		return nil, err
	}
	if r.SourceURL != "" && r.SourceURL[len(r.SourceURL)-1] != '/' {
		return nil, invalid(op, "source URL %q must end with \"/\"", r.SourceURL)
	}
	if err := checkURL(op, "target URL", r.TargetURL); err != nil {
		return nil, err
	}
	if !r.ValidFrom.IsZero() && !r.ValidTo.IsZero() && r.ValidTo.Before(r.ValidFrom) {
		return nil, invalid(op, "valid_to %s is before valid_from %s", r.ValidTo, r.ValidFrom)
	}

	f := url.Values{}
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	set("email", r.Email)
	set("last_name", r.LastName)
	set("first_name", r.FirstName)
	set("user_profile_id", r.UserProfileID)
	set("login_name", r.LoginName)
	set("name_id", r.NameID)
	set("applicationId", c.appID)
	set("language", r.Language)
	if !r.ValidFrom.IsZero() {
		f.Set("valid_from", r.ValidFrom.UTC().Format(validityLayout))
	}
	if !r.ValidTo.IsZero() {
		f.Set("valid_to", r.ValidTo.UTC().Format(validityLayout))
	}
	set("source_url", r.SourceURL)
	set("target_url", r.TargetURL)
	if r.SkipEmail {
		f.Set("send_email", "false")
	}
	for i, v := range r.SPCustomAttributes {
		set("spCustomAttribute"+strconv.Itoa(i+1), v)
	}
	return f, nil
}

// activationLink reads {"activationLink": "..."} from a registration
// answer; any other body has none.
func activationLink(body []byte) string {
	var v struct {
		ActivationLink string `json:"activationLink"`
	}
	if json.Unmarshal(bytes.TrimSpace(body), &v) != nil {
		return ""
	}
	return v.ActivationLink
}
