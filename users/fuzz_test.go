package users

import "testing"

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
