package texts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/go-ias/ias"
)

// resourceContentType is the contentType SAP documents for uploads.
const resourceContentType = "text/html;charset=UTF-8"

// Resource is one element of an upload body, as documented:
// {"resourceType", "locale", "contentType", "data"}.
type Resource struct {
	ResourceType ResourceType `json:"resourceType"`
	Locale       string       `json:"locale"`
	ContentType  string       `json:"contentType"`
	Data         string       `json:"data"`
}

// Replace uploads t as the complete override set of resource type rt in
// locale (POST /service/resource/SAP_DEFAULT, or the set of ForSet). Keys
// left out revert to SAP's default text, so t must hold every override to
// keep; an empty t reverts all of them. Set, Unset and Update read the
// current set first. A 400 (ias.ErrBadRequest) means invalid JSON or
// escaping, which the SDK's encoding should rule out.
//
// For master data, keys are what users store: re-keying a value breaks
// it for the users who hold the old key, and keys must be the same in
// every locale.
func (c *Client) Replace(ctx context.Context, rt ResourceType, locale string, t Texts) error {
	if err := c.check("replace", rt, locale); err != nil {
		return err
	}
	if err := checkKeys("replace", t); err != nil {
		return err
	}
	body, err := encodeBody([]Resource{{
		ResourceType: rt,
		Locale:       locale,
		ContentType:  resourceContentType,
		Data:         FormatProperties(t),
	}})
	if err != nil {
		return err
	}
	// A replace of the same full set is idempotent, so it may be retried
	// like a PUT.
	_, err = c.c.Do(ctx, &ias.Request{
		Method:      http.MethodPost,
		Path:        []string{"service", "resource", c.set},
		Body:        body,
		ContentType: "application/json",
		Accept:      "*/*",
		Idempotent:  true,
	}, nil)
	return err
}

// checkKeys refuses keys that cannot be a text key: empty ones, and ones
// with line breaks (escaped, they would still be new keys nobody meant);
// and text that is not UTF-8, which JSON would silently replace.
func checkKeys(op string, t Texts) error {
	for k, v := range t {
		switch {
		case strings.TrimSpace(k) == "":
			return invalid(op, "empty key")
		case strings.ContainsAny(k, "\r\n"):
			return invalid(op, "key %q contains a line break", k)
		case !utf8.ValidString(k) || !utf8.ValidString(v):
			return invalid(op, "key or text of %q is not valid UTF-8", k)
		}
	}
	return nil
}

// encodeBody encodes the upload without HTML escaping, so that "<", ">"
// and "&" in texts go as they are; the JSON escapes of "data" are those
// SAP lists (\b \f \n \r \t \" \\).
func encodeBody(rs []Resource) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rs); err != nil {
		return nil, fmt.Errorf("texts: encoding upload: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
