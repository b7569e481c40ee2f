package iastest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

const (
	scimContentType = "application/scim+json"
	jsonContentType = "application/json"
	errorSchema     = "urn:ietf:params:scim:api:messages:2.0:Error"
)

// writeJSON writes v as JSON with the given content type and status.
func writeJSON(w http.ResponseWriter, status int, ct string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(fmt.Sprintf(`{"error":%q}`, err.Error()))
		status = http.StatusInternalServerError
	}
	writeBody(w, status, ct, b)
}

// writeText writes text as a plain-text answer.
func writeText(w http.ResponseWriter, status int, text string) {
	writeBody(w, status, "text/plain;charset=UTF-8", []byte(text))
}

// writeBody answers status with body b of content type ct; every answer
// with a body announces its Content-Length, as IAS does.
func writeBody(w http.ResponseWriter, status int, ct string, b []byte) {
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// plainMethodNotAllowed answers 405 with an empty body and the allowed
// methods, as the non-SCIM services do (SCIM answers methodNotAllowed).
func plainMethodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeCode(w, http.StatusMethodNotAllowed, "")
}

// requireMethod reports whether r uses method, the only one a non-SCIM
// endpoint serves, and answers 405 otherwise.
func requireMethod(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	plainMethodNotAllowed(w, method)
	return false
}

// writeCode answers status with an X-Message-Code and an empty body.
func writeCode(w http.ResponseWriter, status int, code string) {
	if code != "" {
		w.Header().Set("X-Message-Code", code)
	}
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// scimErr is a SCIM error to be answered.
type scimErr struct {
	status   int
	scimType string
	detail   string
}

// Error implements error.
func (e *scimErr) Error() string { return fmt.Sprintf("%d %s", e.status, e.detail) }

func errf(status int, scimType, format string, args ...any) *scimErr {
	return &scimErr{status: status, scimType: scimType, detail: fmt.Sprintf(format, args...)}
}

func scimErrorBody(status int, scimType, detail string) []byte {
	m := map[string]any{"schemas": []string{errorSchema}, "status": strconv.Itoa(status), "detail": detail}
	if scimType != "" {
		m["scimType"] = scimType
	}
	b, _ := json.Marshal(m)
	return b
}

// scimError writes an IAS-style SCIM error: status as a string, and
// X-Message-Code IDS_EXCEPTION on 404.
func scimError(w http.ResponseWriter, status int, scimType, detail string) {
	if status == http.StatusNotFound {
		w.Header().Set("X-Message-Code", "IDS_EXCEPTION")
	}
	writeBody(w, status, scimContentType, scimErrorBody(status, scimType, detail))
}

func writeSCIMErr(w http.ResponseWriter, e *scimErr) { scimError(w, e.status, e.scimType, e.detail) }
