package iastest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
)

// maxBulkOps is IAS's limit of operations per bulk request.
const maxBulkOps = 100

// handleBulk implements POST /scim/Bulk. Every operation is executed like
// the corresponding single request; statuses are strings; failOnErrors is
// not supported (processing always continues).
func (s *Server) handleBulk(w http.ResponseWriter, r *http.Request) {
	in, e := readObject(r)
	if e != nil {
		writeSCIMErr(w, e)
		return
	}
	schemas, _ := stringList(mapValue(in, "schemas"))
	if !containsFold(schemas, bulkReqURN) {
		scimError(w, 400, "invalidValue", "schemas must contain "+bulkReqURN)
		return
	}
	ops, ok := mapValue(in, "Operations").([]any)
	if !ok {
		scimError(w, 400, "invalidSyntax", "Operations must be an array")
		return
	}
	if len(ops) > maxBulkOps {
		scimError(w, http.StatusRequestEntityTooLarge, "tooMany", "Bulk operations count exceeded the maximum value supported.")
		return
	}
	// Operations must be independent: a "bulkId:" reference is refused.
	for _, x := range ops {
		op, _ := x.(map[string]any)
		b, _ := json.Marshal(mapValue(op, "data"))
		if bytes.Contains(b, []byte(`"bulkId:`)) || strings.Contains(stringCI(op, "path"), "bulkId:") {
			scimError(w, 400, "invalidValue", "Bulk references across operations are not allowed.")
			return
		}
	}
	results := make([]any, 0, len(ops))
	for _, x := range ops {
		results = append(results, s.bulkOp(r, x))
	}
	writeSCIM(w, r, 200, map[string]any{"schemas": []string{bulkRespURN}, "Operations": results}, "", "")
}

func bulkFailure(method, bulkID string, status int, scimType, detail string) map[string]any {
	var resp map[string]any
	_ = json.Unmarshal(scimErrorBody(status, scimType, detail), &resp)
	out := map[string]any{"method": method, "status": strconv.Itoa(status), "response": resp}
	if bulkID != "" {
		out["bulkId"] = bulkID
	}
	return out
}

// bulkOp runs one operation through the SCIM handlers.
func (s *Server) bulkOp(parent *http.Request, x any) map[string]any {
	op, ok := x.(map[string]any)
	if !ok {
		return bulkFailure("", "", 400, "invalidSyntax", "Invalid operation")
	}
	method := strings.ToUpper(stringCI(op, "method"))
	bulkID := stringCI(op, "bulkId")
	path := stringCI(op, "path")
	switch method {
	case "POST", "PUT", "PATCH", "DELETE":
	default:
		return bulkFailure(method, bulkID, 400, "invalidValue", "Invalid method "+method)
	}
	if bulkID == "" {
		return bulkFailure(method, bulkID, 400, "invalidValue", "bulkId is mandatory")
	}
	res, id, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if res != "Users" && res != "Groups" {
		return bulkFailure(method, bulkID, 400, "invalidPath", "Path should start with either Users or Groups endpoint")
	}
	if (method == "POST") != (id == "") {
		return bulkFailure(method, bulkID, 400, "invalidPath", "Invalid path "+path+" for "+method)
	}
	if !s.mayCall(parent, method, "/scim/"+res) {
		return bulkFailure(method, bulkID, http.StatusForbidden, "", "Forbidden")
	}
	var body []byte
	if method != "DELETE" {
		data, ok := mapValue(op, "data").(map[string]any)
		if !ok {
			return bulkFailure(method, bulkID, 400, "invalidValue", "data is mandatory for "+method)
		}
		body, _ = json.Marshal(data)
	}
	req, err := http.NewRequestWithContext(parent.Context(), method, s.URL+"/scim/"+res+"/"+id, bytes.NewReader(body))
	if err != nil {
		return bulkFailure(method, bulkID, 400, "invalidPath", "Invalid path "+path)
	}
	req = req.WithContext(contextWithBody(req, body))
	req.Header.Set("Content-Type", scimContentType)
	if v := stringCI(op, "version"); v != "" {
		req.Header.Set("If-Match", `"`+v+`"`)
	}
	rec := httptest.NewRecorder()
	if res == "Users" {
		s.handleUsersResource(rec, req, id)
	} else {
		s.handleGroupsResource(rec, req, id)
	}
	out := map[string]any{"method": method, "bulkId": bulkID, "status": strconv.Itoa(rec.Code)}
	if loc := rec.Header().Get("Location"); loc != "" {
		out["location"] = loc
	} else if id != "" {
		out["location"] = s.URL + "/scim/" + res + "/" + id
	}
	if et := rec.Header().Get("ETag"); et != "" {
		out["version"] = strings.Trim(et, `"`)
	}
	if rec.Code >= 400 {
		var resp map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &resp)
		out["response"] = resp
	}
	return out
}
