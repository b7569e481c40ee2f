package iastest_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-ias/ias/iastest"
)

// A recording (here: one exchange as IAS answered it) is replayed against
// the sandbox; every difference in shape is reported.
func ExampleServer_Replay() {
	recording := `{"source":"a tenant","request":{"method":"POST","path":"/scim/Groups","header":{"Content-Type":"application/scim+json"},"body":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Empty"}},` +
		`"response":{"status":201,"header":{"Content-Type":"application/scim+json","ETag":"\"00000000-0000-4000-8000-000000000002\"","Location":"https://tenant.example.com/scim/Groups/00000000-0000-4000-8000-000000000001","Vary":"X-CSP-STRIP"},` +
		`"body":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","urn:sap:cloud:scim:schemas:extension:custom:2.0:Group"],"id":"00000000-0000-4000-8000-000000000001","displayName":"Empty","members":[],` +
		`"urn:sap:cloud:scim:schemas:extension:custom:2.0:Group":{"name":"00000000-0000-4000-8000-000000000001","additionalId":"682505c4c9b69f50018e4134"},` +
		`"meta":{"created":"2025-07-04T08:16:05Z","lastModified":"2025-07-04T08:16:05Z","location":"https://tenant.example.com/scim/Groups/00000000-0000-4000-8000-000000000001","resourceType":"Group","version":"00000000-0000-4000-8000-000000000002"}}}}`
	xs, err := iastest.ReadExchanges(strings.NewReader(recording))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := iastest.NewServer()
	defer srv.Close()
	diffs, err := srv.Replay(context.Background(), xs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range diffs {
		fmt.Println(d)
	}
	// Output:
	// #1 POST /scim/Groups: body.members: IAS array, sandbox absent
}

// A Recorder under an HTTP client writes what it carries without
// credentials, ids or host.
func ExampleRecorder() {
	srv := iastest.NewServer()
	defer srv.Close()
	var file bytes.Buffer
	client := &http.Client{Transport: iastest.NewRecorder(&file, nil)}
	req, _ := http.NewRequest("GET", srv.URL+"/scim/Users/4609edbc-679e-428b-a06d-11e1f57443aa", nil)
	req.SetBasicAuth(srv.ClientID, srv.ClientSecret)
	res, err := client.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	fmt.Print(file.String())
	// Output:
	// {"request":{"method":"GET","path":"/scim/Users/00000000-0000-4000-8000-000000000001","header":{"Authorization":"Basic"}},"response":{"status":404,"header":{"Content-Type":"application/scim+json","Vary":"X-CSP-STRIP","X-Message-Code":"IDS_EXCEPTION"},"body":{"detail":"User 00000000-0000-4000-8000-000000000001 not found","schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}}}
}
