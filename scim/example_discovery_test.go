package scim_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-ias/ias/scim"
)

// Ask the tenant what it supports and which resource types it serves.
// Bulk.Do reads the same configuration once for its limits.
func ExampleDiscoveryService() {
	srv, c := sandbox()
	defer srv.Close()
	defer c.CloseIdleConnections()
	dir := scim.New(c)
	ctx := context.Background()

	cfg, err := dir.Discovery.ServiceProviderConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("patch:", cfg.Patch.Supported, "sort:", cfg.Sort.Supported, "bulk operations:", cfg.Bulk.MaxOperations)

	types, err := dir.Discovery.ResourceTypes(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, rt := range types {
		fmt.Println(rt.Name, rt.Endpoint)
	}
	fmt.Println("bulk limits:", dir.Bulk.Limits(ctx).MaxOperations)
	// Output:
	// patch: true sort: false bulk operations: 100
	// User /Users
	// Group /Groups
	// bulk limits: 100
}
