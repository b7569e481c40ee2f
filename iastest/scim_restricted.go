package iastest

import (
	"strings"
	"time"
	_ "time/tzdata" // timezone values are checked the same on every machine
)

// userTypes are the canonical values of the core userType attribute.
var userTypes = []string{"public", "partner", "customer", "employee", "external", "onboardee", "alumni"}

// checkRestrictedValues refuses locale, timezone and userType values outside
// the ones IAS allows (400 "Value not supported for attribute …"); s.mu held.
// userType is compared ignoring case (SAP's own example sends "Employee");
// locale is a language key of the master data, alone or followed by "_" or
// "-" and a country key ("de", "en_GB", "pt-BR"); timezone is an IANA time
// zone name.
func (s *Server) checkRestrictedValues(doc map[string]any) *scimErr {
	refuse := func(attr string) *scimErr {
		return errf(400, "invalidValue", "Value not supported for attribute %s", attr)
	}
	if v, ok := getCI(doc, "userType"); ok {
		if ut, _ := v.(string); !containsFold(userTypes, ut) {
			return refuse("userType")
		}
	}
	if v, ok := getCI(doc, "locale"); ok {
		if l, _ := v.(string); !s.validLocale(l) {
			return refuse("locale")
		}
	}
	if v, ok := getCI(doc, "timezone"); ok {
		if tz, _ := v.(string); !validTimezone(tz) {
			return refuse("timezone")
		}
	}
	return nil
}

// validLocale reports whether l names a language of the master data,
// optionally with a country; s.mu held.
func (s *Server) validLocale(l string) bool {
	if l == "" {
		return false
	}
	if s.canonical("RESOURCE_MD_LANGUAGES", l) {
		return true
	}
	lang, country, ok := strings.Cut(strings.ReplaceAll(l, "-", "_"), "_")
	return ok && s.canonical("RESOURCE_MD_LANGUAGES", lang) && s.canonical("RESOURCE_MD_COUNTRIES", country)
}

// validTimezone reports whether tz is an IANA time zone name.
func validTimezone(tz string) bool {
	if tz == "" || tz == "Local" || strings.HasPrefix(tz, "/") {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}
