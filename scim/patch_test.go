package scim

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestPatchBuilder(t *testing.T) {
	p := NewPatch().
		Add(Attr("emails"), []Email{{Value: "a@b.c", Type: "work"}}).
		Replace(Attr("emails").Where(Eq("type", "work").And(Eq("value", `x"y`))).Sub("value"), "n@b.c").
		Replace(ExtensionAttr(SchemaEnterpriseUser, "department"), "Sales").
		Replace(ExtensionAttr(SchemaCustomUser, "attributes").Where(Eq("name", "customAttribute1")).Sub("value"), "v").
		Replace(Path{}, map[string]any{"displayName": "D"}).
		Remove(Attr("members").Where(Eq("value", "u1").Or(Eq("value", "u2")))).
		Remove(ExtensionAttr("urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile", ""))
	if err := p.check(); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	sameJSON(t, []byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
	 {"op":"add","path":"emails","value":[{"value":"a@b.c","type":"work"}]},
	 {"op":"replace","path":"emails[type eq \"work\" and value eq \"x\\\"y\"].value","value":"n@b.c"},
	 {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
	 {"op":"replace","path":"urn:sap:cloud:scim:schemas:extension:custom:2.0:User:attributes[name eq \"customAttribute1\"].value","value":"v"},
	 {"op":"replace","value":{"displayName":"D"}},
	 {"op":"remove","path":"members[value eq \"u1\" or value eq \"u2\"]"},
	 {"op":"remove","path":"urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile"}]}`), b)
}

func TestPatchBuilderErrors(t *testing.T) {
	for name, p := range map[string]*PatchOp{
		"bad attr":          NewPatch().Replace(Attr("a b"), 1),
		"bad urn":           NewPatch().Replace(ExtensionAttr("not a urn", "x"), 1),
		"sub without where": NewPatch().Replace(Attr("emails").Sub("value"), 1),
		"where twice":       NewPatch().Replace(Attr("emails").Where(Eq("a", 1)).Where(Eq("b", 2)), 1),
		"sub twice":         NewPatch().Replace(Attr("emails").Where(Eq("a", 1)).Sub("v").Sub("w"), 1),
		"bad sub":           NewPatch().Replace(Attr("emails").Where(Eq("a", 1)).Sub("v w"), 1),
		"bad filter":        NewPatch().Remove(Attr("emails").Where(Eq("a b", 1))),
		"where on empty":    NewPatch().Remove(Path{}.Where(Eq("a", 1))),
		"remove no path":    NewPatch().Remove(Path{}),
	} {
		if err := p.check(); !errors.Is(err, ErrInvalidFilter) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, p := range map[string]*PatchOp{
		"empty":      NewPatch(),
		"nil":        nil,
		"no value":   NewPatch().Add(Attr("a"), nil),
		"unknown op": {Operations: []PatchOperation{{Op: "move", Path: "a"}}},
	} {
		if err := p.check(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if RawPath(`x[y]`).String() != `x[y]` || Attr("a b").Err() == nil {
		t.Fatal("RawPath/Err")
	}
}
