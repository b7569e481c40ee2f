package scim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/go-ias/ias"
)

func TestBulkChunksAndResults(t *testing.T) {
	var rec recorder
	h := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/scim/ServiceProviderConfig" {
			writeSCIM(w, 404, `{"status":"404","detail":"Not Found"}`) // as IAS may: undocumented
			return
		}
		var req BulkRequest
		b := rec.body[len(rec.body)-1]
		if err := json.Unmarshal(b, &req); err != nil || len(req.Operations) > MaxBulkOperations || req.Schemas[0] != SchemaBulkRequest {
			writeSCIM(w, 413, `{"status":"413","scimType":"tooMany"}`)
			return
		}
		var out []string
		for i, op := range req.Operations {
			switch {
			case strings.HasSuffix(op.Path, "/dup"):
				out = append(out, fmt.Sprintf(`{"method":%q,"bulkId":%q,"status":409,"response":{"schemas":[%q],"status":"409","scimType":"uniqueness","detail":"A user with the same userName already exists!"}}`, op.Method, op.BulkID, SchemaError))
			case strings.HasSuffix(op.Path, "/lost"):
				// no result for this one
			case i%2 == 0:
				out = append(out, fmt.Sprintf(`{"method":%q,"bulkId":%q,"status":"201","location":"https://t/scim/Users/%d","version":"v1"}`, op.Method, op.BulkID, i))
			default:
				out = append(out, fmt.Sprintf(`{"method":%q,"bulkId":%q,"status":"204"}`, op.Method, op.BulkID))
			}
		}
		writeSCIM(w, 200, `{"schemas":["`+SchemaBulkResponse+`"],"Operations":[`+strings.Join(out, ",")+`]}`)
	}
	dir := New(newTestClient(t, rec.wrap(h)))
	var ops []BulkOperation
	for i := range 250 {
		switch i {
		case 7:
			ops = append(ops, BulkDelete("Users", "dup"))
		case 130:
			ops = append(ops, BulkDelete("Users", "lost"))
		case 140:
			ops = append(ops, BulkReplaceGroup("g1", &Group{DisplayName: "g"}))
		case 141:
			ops = append(ops, BulkCreateGroup(&Group{DisplayName: "g"}))
		case 142:
			ops = append(ops, BulkReplaceUser("a/b", &User{UserName: "x"}))
		case 143:
			ops = append(ops, BulkPatch("Users", "u", NewPatch().Remove(Attr("title"))))
		default:
			ops = append(ops, BulkCreateUser(&User{UserName: fmt.Sprint("u", i)}))
		}
	}
	res, err := dir.Bulk.Do(context.Background(), ops)
	if err != nil {
		t.Fatal(err)
	}
	// One look at the server's limits (none served), then 100 per request.
	if rec.count() != 4 || len(res) != 250 {
		t.Fatalf("%d requests, %d results", rec.count(), len(res))
	}
	for i, r := range res {
		switch i {
		case 7:
			var e *ias.Error
			if !errors.Is(r.Err, ias.ErrConflict) || !errors.As(r.Err, &e) || e.SCIMType != "uniqueness" || r.Status != 409 {
				t.Fatalf("dup: %+v", r)
			}
		case 130:
			if !errors.Is(r.Err, ErrBulkNoResult) {
				t.Fatalf("lost: %+v", r)
			}
		default:
			if r.Err != nil || r.Operation.BulkID == "" {
				t.Fatalf("op %d: %+v", i, r)
			}
		}
	}
	if res[142].Operation.Path != "/Users/a%2Fb" {
		t.Fatal(res[142].Operation.Path)
	}
	// Invalid input is refused before anything is sent.
	if _, err := dir.Bulk.Do(context.Background(), []BulkOperation{{BulkID: "a"}, {BulkID: "a"}}); err == nil {
		t.Fatal("duplicate bulkId accepted")
	}
	if _, err := dir.Bulk.Do(context.Background(), []BulkOperation{BulkPatch("Users", "u", NewPatch())}); err == nil {
		t.Fatal("empty patch accepted")
	}
	// A cancelled context marks every operation.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = dir.Bulk.Do(ctx, ops[:150])
	if !errors.Is(err, context.Canceled) || len(res) != 150 || !errors.Is(res[149].Err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}
