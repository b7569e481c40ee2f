package users

import (
	"context"
	"net/http"
	"strings"

	"github.com/go-ias/ias"
)

// Invitation holds every documented field of an invitation
// (POST /cps/invite/). Exactly one of InviteeEmail and InviteeUserID is set.
type Invitation struct {
	// InviteeEmail is the invitee's e-mail address (inviteeEmail).
	InviteeEmail string `json:"inviteeEmail,omitempty"`
	// InviteeUserID is the invitee's user ID (inviteeUserId).
	InviteeUserID string `json:"inviteeUserId,omitempty"`
	// InviterName is the sender's display name (inviterName, required).
	InviterName string `json:"inviterName"`
	// TargetURL is where the invitee lands after registration (targetUrl).
	// Required unless the application has a Home URL and uses no logon
	// overlays; the tenant checks that.
	TargetURL string `json:"targetUrl,omitempty"`
	// SourceURL is the public page placed in the invitation link
	// (sourceUrl); required under the same condition as TargetURL.
	SourceURL string `json:"sourceUrl,omitempty"`
	// InviteeFirstName and InviteeLastName name the invitee.
	InviteeFirstName string `json:"inviteeFirstName,omitempty"`
	InviteeLastName  string `json:"inviteeLastName,omitempty"`
	// FooterText and HeaderText go into the e-mail.
	FooterText string `json:"footerText,omitempty"`
	HeaderText string `json:"headerText,omitempty"`
	// Language is the e-mail language (XX, xx, xx-XX or xx_XX; English
	// otherwise). It does not change the end-user screens.
	Language string `json:"language,omitempty"`
}

// Invite sends an invitation e-mail that leads the invitee to registration.
// SAP documents neither the success status nor a body. Failures carry
// ErrInvitationParameterIncorrect, ErrInvitationEmailIncorrect or ErrLocked
// as X-message-code. An invitation is not idempotent (it sends a mail): the
// pipeline repeats it only when IAS certainly did not act on it.
func (c *Client) Invite(ctx context.Context, inv Invitation) error {
	const op = "invite"
	hasMail, hasID := strings.TrimSpace(inv.InviteeEmail) != "", strings.TrimSpace(inv.InviteeUserID) != ""
	switch {
	case hasMail && hasID:
		return invalid(op, "both invitee e-mail and invitee user id are set; set exactly one")
	case !hasMail && !hasID:
		return invalid(op, "neither invitee e-mail nor invitee user id is set; set exactly one")
	case strings.TrimSpace(inv.InviterName) == "":
		return invalid(op, "empty inviter name (inviterName is required)")
	}
	if hasMail {
		if err := checkEmail(op, "invitee e-mail", inv.InviteeEmail); err != nil {
			return err
		}
	}
	for _, f := range []struct{ name, v string }{{"target URL", inv.TargetURL}, {"source URL", inv.SourceURL}} {
		if err := checkURL(op, f.name, f.v); err != nil {
			return err
		}
	}
	if err := checkLanguage(op, inv.Language); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &ias.Request{
		Method: http.MethodPost,
		// The documented path has a trailing slash.
		Path:   []string{"cps", "invite", ""},
		JSON:   inv,
		Accept: "application/json, */*;q=0.8",
	}, nil)
	return err
}
