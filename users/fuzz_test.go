package users

import (
	"net/url"
	"testing"
)

// FuzzDecodeFields feeds arbitrary SP user information answers to the
// tolerant decoder and the Location parser: neither may panic.
func FuzzDecodeFields(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><user><email>a@b.de</email><x><y>1</y></x></user>`,
		`{"email":"a@b.de","n":1,"z":null}`, `<user><email>x</user>`, "", "<!DOCTYPE html><html/>",
	} {
		f.Add([]byte(s), "https://t.example/service/users/a%2Fb")
	}
	f.Fuzz(func(t *testing.T, body []byte, loc string) {
		if fields, err := decodeFields(body); err == nil {
			var in Info
			in.fill(fields)
		}
		_ = idFromLocation(loc)
	})
}

// FuzzLocationID: the SP user id read from a Location header is exactly
// the escaped last segment under /service/users, whatever the id holds,
// and nothing is read from a Location that points elsewhere.
func FuzzLocationID(f *testing.F) {
	for _, id := range []string{"P000858", "a/b", "x?y#z", "%2F", "ü", ".."} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if id == "" || id == "." || id == ".." {
			return
		}
		loc := "https://tenant.accounts.ondemand.com/service/users/" + url.PathEscape(id)
		if got := idFromLocation(loc); got != id {
			t.Fatalf("idFromLocation(%q) = %q, want %q", loc, got, id)
		}
		other := "https://tenant.accounts.ondemand.com/scim/Users/" + url.PathEscape(id)
		if got := idFromLocation(other); got != "" {
			t.Fatalf("idFromLocation(%q) = %q, want nothing", other, got)
		}
	})
}
