package iastest

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Media types in and out: IAS answers 415 to a request body of a type the
// API does not take and 406 when the Accept header excludes what the API
// answers with.

// wrongContentType reports whether r declares a Content-Type other than
// want (parameters ignored) and then answers 415. A request without
// Content-Type passes unless strict.
func wrongContentType(w http.ResponseWriter, r *http.Request, want string, strict bool) bool {
	ct := r.Header.Get("Content-Type")
	if ct == "" && !strict {
		return false
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil && strings.EqualFold(mt, want) {
		return false
	}
	writeText(w, http.StatusUnsupportedMediaType, "Content-Type must be "+want+"\n")
	return true
}

// notAcceptable reports whether r's Accept header admits none of the media
// types produced, and then answers 406 with an empty body.
func notAcceptable(w http.ResponseWriter, r *http.Request, produced ...string) bool {
	if acceptsAny(r.Header.Values("Accept"), produced) {
		return false
	}
	writeCode(w, http.StatusNotAcceptable, "")
	return true
}

// acceptsAny reports whether the Accept header values admit one of the
// produced media types (no header admits everything; q=0 excludes).
func acceptsAny(accept []string, produced []string) bool {
	if len(accept) == 0 {
		return true
	}
	for _, part := range strings.Split(strings.Join(accept, ","), ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		mt, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		if q, ok := params["q"]; ok {
			if v, err := strconv.ParseFloat(q, 64); err != nil || v <= 0 {
				continue
			}
		}
		for _, p := range produced {
			typ, _, _ := strings.Cut(p, "/")
			if mt == "*/*" || mt == p || mt == typ+"/*" {
				return true
			}
		}
	}
	return false
}

// What the APIs answer with.
var (
	scimProduces = []string{scimContentType, jsonContentType}
	jsonProduces = []string{jsonContentType}
	xmlProduces  = []string{spXML, "application/xml", "text/xml"}
	textProduces = []string{"text/plain"}
)
