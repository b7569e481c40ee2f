package scim

import (
	"context"
	"errors"
	"net/http"
)

// SchemaService manages /scim/Schemas. Custom schemas cannot be changed:
// delete and create them again.
type SchemaService struct{ t *transport }

// Get reads the schema with this id, its URN.
func (s *SchemaService) Get(ctx context.Context, id string, opts ...RequestOption) (*Schema, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	o := collect(opts)
	out := new(Schema)
	if _, err := s.t.get(ctx, s.t.path("Schemas", id), &o, out); err != nil {
		return nil, err
	}
	return out, nil
}

// List returns all schemas, built-in and custom, in one page.
func (s *SchemaService) List(ctx context.Context, opts ...RequestOption) (*ListResponse[Schema], error) {
	o := collect(opts)
	out := new(ListResponse[Schema])
	if _, err := s.t.get(ctx, s.t.path("Schemas"), &o, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Create creates the custom schema sc (its ID is the URN, for example
// urn:sap:cloud:scim:schemas:extension:custom:2.0:MySchema). An existing
// id is ias.ErrConflict.
func (s *SchemaService) Create(ctx context.Context, sc *Schema, opts ...RequestOption) (*Schema, error) {
	if sc == nil {
		return nil, errors.New("scim: nil schema")
	}
	c := *sc
	if len(c.Schemas) == 0 {
		c.Schemas = []string{SchemaSchema}
	}
	o := collect(opts)
	out := new(Schema)
	if _, err := s.t.do(ctx, http.MethodPost, s.t.path("Schemas"), nil, &o, &c, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes the custom schema with this id; its values are removed
// from every user.
func (s *SchemaService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if err := checkID(id); err != nil {
		return err
	}
	o := collect(opts)
	_, err := s.t.do(ctx, http.MethodDelete, s.t.path("Schemas", id), nil, &o, nil, nil)
	return err
}
