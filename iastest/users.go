package iastest

import (
	"encoding/json"
	"encoding/xml"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Mail is an e-mail the tenant would have sent (activation, invitation,
// forgot-password), recorded so tests can assert on it.
type Mail struct {
	// To is the recipient address.
	To string
	// Kind is "activation", "invitation" or "forgotPassword".
	Kind string
	// UserID is the SCIM id of the user concerned, when known.
	UserID string
	// Link is the activation link, or the invitation's sourceUrl.
	Link string
	// Time is the server clock's time of sending.
	Time time.Time
}

// Invitation is a request accepted by POST /cps/invite/.
type Invitation struct {
	// InviteeEmail, InviteeUserID and InviterName are the request fields
	// inviteeEmail, inviteeUserId and inviterName.
	InviteeEmail, InviteeUserID, InviterName string
	// InviteeFirstName and InviteeLastName are the optional names.
	InviteeFirstName, InviteeLastName string
	// TargetURL, SourceURL and Language are targetUrl, sourceUrl and language.
	TargetURL, SourceURL, Language string
	// Time is the server clock's time of acceptance.
	Time time.Time
}

// Mails returns the mails sent so far, oldest first.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.st.mails...)
}

// Invitations returns the invitations accepted so far.
func (s *Server) Invitations() []Invitation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Invitation(nil), s.st.invitations...)
}

// spUser is a service-provider user: the link between a user and an
// application (User Management REST API).
type spUser struct {
	id       string
	userID   string // SCIM id
	appID    string
	nameID   string
	status   string // new, active, inactive
	created  time.Time
	activate time.Time
	from, to string
	attrs    map[string]string
	language string
	token    string
	seq      uint64 // position in creation order
}

const spXML = "application/vnd.sap-id-service.sp-user-id+xml"

var validityRe = regexp.MustCompile(`^\d{14}Z$`)

func (s *Server) spLocation(id string) string { return s.URL + "/service/users/" + id }

// findSP finds the SP user of a user for an application; s.mu held.
func (s *Server) findSP(userID, appID string) *spUser {
	for _, sp := range s.spUsersIn(s.st.ix.spOfUser.get(userID)) {
		if sp.appID == appID {
			return sp
		}
	}
	return nil
}

// handleUsers implements the User Management REST API under /service/users.
func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	id := strings.Trim(strings.TrimPrefix(r.URL.Path, "/service/users"), "/")
	app := r.URL.Query().Get("applicationId")
	if id == "" {
		switch r.Method {
		case http.MethodPost:
			s.registerUser(w, r)
		case http.MethodGet:
			s.spUserIDRetrieval(w, r, app)
		default:
			plainMethodNotAllowed(w, "GET, POST")
		}
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := s.st.spUsers[id]
	if sp == nil || (app != "" && sp.appID != app) {
		writeText(w, http.StatusNotFound, "SP user not found\n")
		return
	}
	switch r.Method {
	case http.MethodGet:
		if notAcceptable(w, r, xmlProduces...) {
			return
		}
		s.writeSPUser(w, sp)
	case http.MethodPut:
		if wrongContentType(w, r, spXML, true) {
			return
		}
		var req struct {
			Status string `xml:"status"`
		}
		if err := xml.Unmarshal(body(r), &req); err != nil || (req.Status != "active" && req.Status != "inactive") {
			writeText(w, http.StatusBadRequest, "body must be <user><status>active|inactive</status></user>\n")
			return
		}
		sp.status = req.Status
		writeCode(w, http.StatusOK, "")
	case http.MethodDelete:
		s.removeSP(sp)
		if u := s.st.users[sp.userID]; u != nil && strings.EqualFold(stringCI(u.doc, "userType"), "public") {
			if s.st.ix.spOfUser.get(u.id) == nil { // its last SP user
				s.deleteUserLocked(u)
			}
		}
		writeCode(w, http.StatusOK, "")
	default:
		plainMethodNotAllowed(w, "GET, PUT, DELETE")
	}
}

// writeSPUser answers SP user information as XML; s.mu held.
func (s *Server) writeSPUser(w http.ResponseWriter, sp *spUser) {
	u := s.st.users[sp.userID]
	type field struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	}
	var fields []field
	add := func(name, v string) {
		if v != "" {
			fields = append(fields, field{XMLName: xml.Name{Local: name}, Value: v})
		}
	}
	name := mapCI(u.doc, "name")
	add("user_profile_id", u.userID)
	add("name_id", sp.nameID)
	add("status", sp.status)
	add("profile_status", userStatus(u))
	add("valid_from", sp.from)
	add("valid_to", sp.to)
	if !sp.activate.IsZero() {
		add("activation_time", sp.activate.UTC().Format("20060102150405Z"))
	}
	add("email", primaryEmail(u.doc))
	add("language", firstNonEmpty(sp.language, stringCI(u.doc, "locale")))
	add("first_name", stringCI(name, "givenName"))
	add("last_name", stringCI(name, "familyName"))
	add("sp_name", sp.appID)
	add("login_name", stringCI(u.doc, "userName"))
	home, work := userAddresses(u.doc)
	add("country", firstNonEmpty(stringCI(home, "country"), stringCI(work, "country")))
	add("city", stringCI(home, "locality"))
	add("company_city", stringCI(work, "locality"))
	for i := 1; i <= 5; i++ {
		k := "spCustomAttribute" + string(rune('0'+i))
		add(k, sp.attrs[k])
	}
	b, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"user"`
		Fields  []field
	}{Fields: fields})
	w.Header().Set("Content-Type", spXML+";charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append([]byte(xml.Header), b...))
}

func (s *Server) spUserIDRetrieval(w http.ResponseWriter, r *http.Request, app string) {
	nameID := r.URL.Query().Get("name_id")
	if nameID == "" {
		writeText(w, http.StatusBadRequest, "name_id is required\n")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var found *spUser
	for _, sp := range s.spUsersIn(s.st.ix.spByName.get(spNameKey(app, nameID))) {
		if sp.appID == app && fold(sp.nameID) == fold(nameID) {
			found = sp
			break
		}
	}
	if found == nil {
		if u := s.findUserByLogin(nameID); u != nil {
			found = s.findSP(u.id, app)
		}
	}
	if found == nil {
		writeText(w, http.StatusNotFound, "SP user not found\n")
		return
	}
	w.Header().Set("Location", s.spLocation(found.id))
	writeCode(w, http.StatusOK, "")
}

// registerUser implements POST /service/users (form-encoded registration).
func (s *Server) registerUser(w http.ResponseWriter, r *http.Request) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		writeText(w, http.StatusUnsupportedMediaType, "Content-Type must be application/x-www-form-urlencoded\n")
		return
	}
	form, err := url.ParseQuery(string(body(r)))
	if err != nil {
		writeText(w, http.StatusBadRequest, "malformed form body\n")
		return
	}
	email, last, first := form.Get("email"), form.Get("last_name"), form.Get("first_name")
	switch {
	case !emailRe.MatchString(email):
		writeText(w, http.StatusBadRequest, "email is missing or invalid\n")
		return
	case last == "" || len([]rune(last)) > 64:
		writeText(w, http.StatusBadRequest, "last_name is required (at most 64 characters)\n")
		return
	case len([]rune(first)) > 32:
		writeText(w, http.StatusBadRequest, "first_name has at most 32 characters\n")
		return
	}
	for _, k := range []string{"valid_from", "valid_to"} {
		if v := form.Get(k); v != "" && !validityRe.MatchString(v) {
			writeText(w, http.StatusBadRequest, k+" must look like 20110901120000Z\n")
			return
		}
	}
	sendMail := true
	if v := form.Get("send_email"); v != "" {
		b, ok := boolValue(v)
		if !ok {
			writeText(w, http.StatusBadRequest, "send_email must be true or false\n")
			return
		}
		sendMail = b
	}
	app := form.Get("applicationId")
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUserByLogin(email)
	isNew := u == nil
	if u != nil {
		if userStatus(u) == "inactive" {
			writeText(w, http.StatusBadRequest, "the user is inactive\n")
			return
		}
		if sp := s.findSP(u.id, app); sp != nil {
			w.Header().Set("Location", s.spLocation(sp.id))
			writeText(w, http.StatusConflict, "SP user already exists\n")
			return
		}
	} else {
		in := map[string]any{
			"schemas":  []any{coreUserURN, sapUserURN},
			"name":     map[string]any{"familyName": last},
			"emails":   []any{map[string]any{"value": email, "primary": true}},
			sapUserURN: map[string]any{"status": "new", "mailVerified": false},
		}
		if first != "" {
			in["name"].(map[string]any)["givenName"] = first
		}
		if ln := form.Get("login_name"); ln != "" {
			in["userName"] = ln
		}
		if lang := form.Get("language"); lang != "" {
			in["locale"] = lang
		}
		var e *scimErr
		if u, e = s.addUser(in); e != nil {
			writeText(w, e.status, e.detail+"\n")
			return
		}
	}
	sp := &spUser{
		id: s.newUUID(), userID: u.id, appID: app, nameID: form.Get("name_id"), status: "new",
		created: s.now(), from: form.Get("valid_from"), to: form.Get("valid_to"),
		attrs: map[string]string{}, language: form.Get("language"),
	}
	if userStatus(u) == "active" {
		sp.status, sp.activate = "active", s.now()
	}
	if sp.nameID == "" {
		sp.nameID = u.userID
	}
	for i := 1; i <= 5; i++ {
		k := "spCustomAttribute" + string(rune('0'+i))
		if v := form.Get(k); v != "" {
			sp.attrs[k] = v
		}
	}
	s.addSP(sp)
	w.Header().Set("Location", s.spLocation(sp.id))
	if !isNew {
		writeCode(w, http.StatusCreated, "")
		return
	}
	sp.token = s.randomString(s.hdrRng, 32)
	link := s.URL + "/ids/activation?token=" + sp.token
	if sendMail {
		s.st.mails = append(s.st.mails, Mail{To: email, Kind: "activation", UserID: u.id, Link: link, Time: s.now()})
		writeCode(w, http.StatusCreated, "")
		return
	}
	writeJSON(w, http.StatusCreated, jsonContentType, map[string]string{"activationLink": link})
}

// handleActivation serves activation links: the user and SP user become active.
func (s *Server) handleActivation(w http.ResponseWriter, r *http.Request) {
	tok := r.URL.Query().Get("token")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sp := range s.st.spUsers {
		if tok != "" && sp.token == tok {
			sp.token = ""
			sp.status, sp.activate = "active", s.now()
			if u := s.st.users[sp.userID]; u != nil {
				u.doc["active"] = true
				mapCI(u.doc, sapUserURN)["status"] = "active"
				mapCI(u.doc, sapUserURN)["mailVerified"] = true
				s.stamp(&u.resource)
			}
			w.Header().Set("Content-Type", "text/html;charset=UTF-8")
			_, _ = w.Write([]byte("<html><body>Your account has been activated.</body></html>\n"))
			return
		}
	}
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<html><body>The link is invalid or has expired.</body></html>\n"))
}

var languageRe = regexp.MustCompile(`^[A-Za-z]{2}([-_][A-Za-z]{2})?$`)

// handleInvite implements POST /cps/invite/ (success: 200 with an empty body).
func (s *Server) handleInvite(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodPost) {
		return
	}
	if wrongContentType(w, r, jsonContentType, false) {
		return
	}
	const bad = "INVITATION_API_PARAMETER_INCORRECT"
	var req map[string]any
	if err := json.Unmarshal(body(r), &req); err != nil || req == nil {
		writeCode(w, http.StatusBadRequest, bad)
		return
	}
	str := func(k string) (string, bool) {
		v, ok := req[k]
		if !ok || v == nil {
			return "", true
		}
		sv, isStr := v.(string)
		return sv, isStr
	}
	inv := Invitation{}
	fields := map[string]*string{
		"inviteeEmail": &inv.InviteeEmail, "inviteeUserId": &inv.InviteeUserID, "inviterName": &inv.InviterName,
		"inviteeFirstName": &inv.InviteeFirstName, "inviteeLastName": &inv.InviteeLastName,
		"targetUrl": &inv.TargetURL, "sourceUrl": &inv.SourceURL, "language": &inv.Language,
		"footerText": new(string), "headerText": new(string),
	}
	for k, dst := range fields {
		v, ok := str(k)
		if !ok {
			writeCode(w, http.StatusBadRequest, bad)
			return
		}
		*dst = v
	}
	switch {
	case (inv.InviteeEmail == "") == (inv.InviteeUserID == ""),
		inv.InviterName == "", inv.TargetURL == "", inv.SourceURL == "",
		inv.Language != "" && !languageRe.MatchString(inv.Language):
		writeCode(w, http.StatusBadRequest, bad)
		return
	}
	for _, u := range []string{inv.TargetURL, inv.SourceURL} {
		if pu, err := url.Parse(u); err != nil || pu.Scheme == "" || pu.Host == "" {
			writeCode(w, http.StatusBadRequest, bad)
			return
		}
	}
	if inv.InviteeEmail != "" && !emailRe.MatchString(inv.InviteeEmail) {
		writeCode(w, http.StatusBadRequest, "INVITATION_API_EMAIL_INCORRECT")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	to, uid := inv.InviteeEmail, ""
	if inv.InviteeUserID != "" {
		u := s.findUserByLogin(inv.InviteeUserID)
		if u == nil {
			writeCode(w, http.StatusBadRequest, "INVITATION_API_EMAIL_INCORRECT")
			return
		}
		to, uid = primaryEmail(u.doc), u.id
	}
	inv.Time = s.now()
	s.st.invitations = append(s.st.invitations, inv)
	s.st.mails = append(s.st.mails, Mail{To: to, Kind: "invitation", UserID: uid, Link: inv.SourceURL, Time: inv.Time})
	writeCode(w, http.StatusOK, "")
}

// userAddresses returns a user's private and company address: the one typed
// "work" is the company's; the private one is the first other address, or
// the work address when there is no other.
func userAddresses(doc map[string]any) (home, work map[string]any) {
	list, _ := mapValue(doc, "addresses").([]any)
	for _, x := range list {
		a := mapOf(x)
		if strings.EqualFold(stringCI(a, "type"), "work") {
			if work == nil {
				work = a
			}
		} else if home == nil {
			home = a
		}
	}
	if home == nil {
		home = work
	}
	return home, work
}

// firstNonEmpty returns the first of vs that is not empty.
func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
