package iastest

import "strings"

// Demo data credentials seeded by WithDemoData.
const (
	// DemoPassword is the password of every demo user that has one.
	DemoPassword = "Demo1234!"
	// DemoTOTPSecret is the base32 TOTP secret of the demo user "bob".
	DemoTOTPSecret = "JBSWY3DPEHPK3PXP"
	// DemoSchema is the custom schema created by WithDemoData.
	DemoSchema = "urn:sap:cloud:scim:schemas:extension:custom:2.0:Profile"
)

// seedDemo creates the WithDemoData content.
func (s *Server) seedDemo() {
	s.mu.Lock()
	doc, e := s.validateSchema(map[string]any{
		"schemas":     []any{schemaURN},
		"id":          DemoSchema,
		"name":        "Profile",
		"description": "Demo profile attributes",
		"attributes": []any{
			map[string]any{"name": "hobby", "type": "string", "multiValued": false, "required": false},
			map[string]any{"name": "level", "type": "integer", "multiValued": false, "required": false},
		},
	})
	if e != nil {
		s.mu.Unlock()
		panic("iastest: demo schema: " + e.detail)
	}
	cs := &customSchema{id: DemoSchema, doc: doc, version: s.newUUID(), created: s.now().UTC()}
	s.st.schemas[strings.ToLower(DemoSchema)] = cs
	s.st.schemaSeq = append(s.st.schemaSeq, strings.ToLower(DemoSchema))
	s.mu.Unlock()

	alice := s.SeedUser(SeedUser{UserName: "alice", Email: "alice@example.com", GivenName: "Alice", FamilyName: "Anderson", UserType: "employee", Password: DemoPassword,
		Attributes: map[string]any{DemoSchema: map[string]any{"hobby": "chess", "level": 3}, enterpriseURN: map[string]any{"department": "0010", "costCenter": "1000"}}})
	bob := s.SeedUser(SeedUser{UserName: "bob", Email: "bob@example.com", GivenName: "Bob", FamilyName: "Brown", UserType: "employee", Password: DemoPassword, TOTPSecret: DemoTOTPSecret})
	carol := s.SeedUser(SeedUser{UserName: "carol", Email: "carol@example.com", GivenName: "Carol", FamilyName: "Clark", UserType: "partner", Password: DemoPassword, Status: "inactive"})
	s.SeedUser(SeedUser{UserName: "dave", Email: "dave@example.com", GivenName: "Dave", FamilyName: "Davis", Status: "new"})
	s.SeedUser(SeedUser{UserName: "erin", Email: "erin@example.com", GivenName: "Erin", FamilyName: "Evans", Password: DemoPassword, PasswordLocked: true})
	admins := s.SeedGroup(SeedGroup{DisplayName: "Administrators", Name: "admins", Description: "Tenant administrators", Members: []string{alice}})
	s.SeedGroup(SeedGroup{DisplayName: "Developers", Name: "developers", Description: "Everyone who writes code", Members: []string{alice, bob, admins}})
	s.SeedGroup(SeedGroup{DisplayName: "Partners", Name: "partners", Members: []string{carol}})
	s.seedAdminDemo()
}
