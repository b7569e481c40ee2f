package scim

import (
	"errors"
	"fmt"
	"strings"
)

// Path is a PATCH target path (RFC 7644 §3.5.2): an attribute path,
// optionally with a value filter and a sub-attribute, such as
// emails[type eq "work"].value. Build it with Attr or ExtensionAttr, then
// Where and Sub. The zero Path means "no path" (add or replace with an
// object of attributes as the value).
type Path struct {
	s        string
	err      error
	filtered bool
}

// Attr is the path of an attribute: "userName", "name.givenName", or a
// fully qualified "urn:...:User:department". A malformed name gives a Path
// whose error is reported when the patch is sent.
func Attr(attr string) Path {
	if !validPath(attr) {
		return Path{err: fmt.Errorf("%w: attribute path %q", ErrInvalidFilter, attr)}
	}
	return Path{s: attr}
}

// ExtensionAttr is the path of attribute attr (which may have a
// sub-attribute) of the schema extension urn, for example
// ExtensionAttr(SchemaEnterpriseUser, "department"). With attr "" it is
// the whole extension, as used to remove all of a custom schema's values.
func ExtensionAttr(urn, attr string) Path {
	if attr == "" {
		return Attr(urn)
	}
	if !strings.Contains(urn, ":") || !validPath(urn) {
		return Path{err: fmt.Errorf("%w: schema URN %q", ErrInvalidFilter, urn)}
	}
	return Attr(urn + ":" + attr)
}

// RawPath uses s as it is. Never put untrusted input into s.
func RawPath(s string) Path { return Path{s: s} }

// Where narrows a multi-valued attribute path to the values that match f:
// Attr("emails").Where(Eq("type", "work")) is emails[type eq "work"].
func (p Path) Where(f Filter) Path {
	if p.err != nil {
		return p
	}
	if p.filtered || p.s == "" {
		return Path{err: fmt.Errorf("%w: value filter on path %q", ErrInvalidFilter, p.s)}
	}
	vf := Has(p.s, f)
	if vf.err != nil {
		return Path{err: vf.err}
	}
	return Path{s: vf.String(), filtered: true}
}

// Sub selects a sub-attribute after a value filter:
// Attr("emails").Where(Eq("type", "work")).Sub("value").
func (p Path) Sub(name string) Path {
	if p.err != nil {
		return p
	}
	if !p.filtered || !attrNameRe.MatchString(name) || strings.Contains(p.s[strings.LastIndex(p.s, "]"):], ".") {
		return Path{err: fmt.Errorf("%w: sub-attribute %q of path %q", ErrInvalidFilter, name, p.s)}
	}
	return Path{s: p.s + "." + name, filtered: true}
}

// String returns the path text.
func (p Path) String() string { return p.s }

// Err returns the error met while building p.
func (p Path) Err() error { return p.err }

// Patch operation names.
const (
	OpAdd     = "add"
	OpRemove  = "remove"
	OpReplace = "replace"
)

// PatchOperation is one operation of a PatchOp.
type PatchOperation struct {
	Op    string `json:"op"`
	Path  string `json:"path,omitempty"`
	Value any    `json:"value,omitempty"`
}

// PatchOp is a PATCH request body. Build it with NewPatch and Add,
// Replace and Remove; errors of paths are kept and returned when the patch
// is sent (or by Err).
type PatchOp struct {
	Schemas    []string         `json:"schemas"`
	Operations []PatchOperation `json:"Operations"`
	err        error
}

// NewPatch returns an empty PatchOp.
func NewPatch() *PatchOp { return &PatchOp{Schemas: []string{SchemaPatchOp}} }

func (p *PatchOp) op(op string, path Path, value any) *PatchOp {
	if p.Schemas == nil {
		p.Schemas = []string{SchemaPatchOp}
	}
	if path.err != nil {
		p.err = errors.Join(p.err, path.err)
		return p
	}
	p.Operations = append(p.Operations, PatchOperation{Op: op, Path: path.s, Value: value})
	return p
}

// Add adds value at path (for a multi-valued attribute: appends the
// values). With the zero Path, value is an object of attributes.
func (p *PatchOp) Add(path Path, value any) *PatchOp { return p.op(OpAdd, path, value) }

// Replace replaces the value at path. With the zero Path, value is an
// object of attributes.
func (p *PatchOp) Replace(path Path, value any) *PatchOp { return p.op(OpReplace, path, value) }

// Remove removes the value(s) at path, which is required.
func (p *PatchOp) Remove(path Path) *PatchOp {
	if path.err == nil && path.s == "" {
		path.err = fmt.Errorf("%w: remove needs a path", ErrInvalidFilter)
	}
	return p.op(OpRemove, path, nil)
}

// Err returns the errors met while building p.
func (p *PatchOp) Err() error { return p.err }

// check validates p before it is sent.
func (p *PatchOp) check() error {
	if p == nil {
		return errors.New("scim: nil PatchOp")
	}
	if p.err != nil {
		return p.err
	}
	if len(p.Operations) == 0 {
		return errors.New("scim: PatchOp without operations")
	}
	for i, o := range p.Operations {
		switch strings.ToLower(o.Op) {
		case OpAdd, OpReplace:
			if o.Value == nil {
				return fmt.Errorf("scim: patch operation %d (%s) without a value", i, o.Op)
			}
		case OpRemove:
			if o.Path == "" {
				return fmt.Errorf("scim: patch operation %d (remove) without a path", i)
			}
		default:
			return fmt.Errorf("scim: patch operation %d: unknown op %q", i, o.Op)
		}
	}
	if len(p.Schemas) == 0 {
		p.Schemas = []string{SchemaPatchOp}
	}
	return nil
}
