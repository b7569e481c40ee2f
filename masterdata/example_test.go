package masterdata_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iastest"
	"github.com/go-ias/ias/masterdata"
)

// Offer the salutations a tenant knows, and check a country key before it
// goes into a user's address.
func ExampleClient_Get() {
	srv := iastest.NewServer()
	defer srv.Close()
	// A system as administrator, with Basic credentials or a certificate.
	c, err := ias.NewClient(srv.URL, ias.WithBasicAuth(srv.ClientID, srv.ClientSecret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()
	md := masterdata.New(c)
	ctx := context.Background()

	salutations, err := md.Get(ctx, masterdata.Salutations, "en")
	if err != nil {
		log.Fatal(err)
	}
	for _, k := range salutations.Keys() {
		fmt.Println(k, salutations[k])
	}
	countries, err := md.Get(ctx, masterdata.Countries, "en")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(countries.Label("ch"))
	// Output:
	// 0001 Ms.
	// 0002 Mr.
	// Switzerland true
}
