package scim

import "context"

// SchemaService manages /scim/Schemas. Custom schemas cannot be changed:
// delete and create them again.
type SchemaService struct{ r endpoint[Schema] }

// Get reads the schema with this id, its URN.
func (s *SchemaService) Get(ctx context.Context, id string, opts ...RequestOption) (*Schema, error) {
	sc, _, err := s.r.get(ctx, id, opts)
	return sc, err
}

// List returns all schemas, built-in and custom, in one page.
func (s *SchemaService) List(ctx context.Context, opts ...RequestOption) (*ListResponse[Schema], error) {
	o := collect(opts)
	out := new(ListResponse[Schema])
	if _, err := s.r.t.get(ctx, s.r.t.path("Schemas"), &o, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Create creates the custom schema sc (its ID is the URN, for example
// urn:sap:cloud:scim:schemas:extension:custom:2.0:MySchema). An existing
// id is ias.ErrConflict.
func (s *SchemaService) Create(ctx context.Context, sc *Schema, opts ...RequestOption) (*Schema, error) {
	return s.r.create(ctx, sc, func(sc *Schema) *Schema {
		c := *sc
		if len(c.Schemas) == 0 {
			c.Schemas = []string{SchemaSchema}
		}
		return &c
	}, opts)
}

// Delete deletes the custom schema with this id; its values are removed
// from every user.
func (s *SchemaService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	return s.r.delete(ctx, id, opts)
}
