package iastest

// seedAdminDemo adds the WithDemoData applications and identity
// providers: an OpenID Connect and a SAML application beside the system
// ones, and an OpenID Connect and a SAML corporate identity provider.
func (s *Server) seedAdminDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seedApp(map[string]any{
		"name": "orders-portal", "description": "Order management (OpenID Connect)",
		"branding": map[string]any{"displayName": "Orders Portal"},
		appAuthnURN: map[string]any{"ssoType": "openIdConnect", "subjectNameIdentifier": "mail",
			"openIdConnectConfiguration": map[string]any{"redirectUris": []any{"https://orders.example.com/callback"}}},
	})
	s.seedApp(map[string]any{
		"name": "hr-portal", "description": "HR self-services (SAML 2.0)",
		"branding": map[string]any{"displayName": "HR Portal"},
		appAuthnURN: map[string]any{"ssoType": "saml2",
			"saml2Configuration": map[string]any{"acsEndpoints": []any{map[string]any{
				"bindingName": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
				"location":    "https://hr.example.com/saml/acs", "index": 0, "isDefault": true}}}},
	})
	oidc := idpDefaults()
	oidc["displayName"], oidc["name"], oidc["type"] = "Contoso Entra ID", "contoso-entra", "openIdConnect"
	oidc["oidcConfiguration"] = map[string]any{"discoveryUrl": "https://login.example.com/contoso/v2.0",
		"clientId": "contoso-client", "tokenEndpointAuthMethod": "clientSecretPost",
		"scopes": []any{"openid", "email"}, "subjectNameIdentifier": "email", "pkceEnabled": true}
	s.storeIdP(&adminDoc{secret: "demo-idp-client-secret"}, oidc)
	saml := idpDefaults()
	saml["displayName"], saml["name"], saml["type"] = "Fabrikam ADFS", "fabrikam-adfs", "microsoftADFS"
	saml["saml2Configuration"].(map[string]any)["samlMetadataUrl"] = "https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml"
	s.storeIdP(&adminDoc{}, saml)
}
