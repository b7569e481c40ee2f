package texts

import "slices"

// ResourceType names one kind of text resource: the end-user screen texts
// or one master-data list.
type ResourceType string

// The documented resource types.
const (
	// I18NBundle is the tenant's end-user screen texts (logon,
	// registration, profile, errors, ...); keys such as
	// "logon.ui.label.user".
	I18NBundle ResourceType = "RESOURCE_I18N_BUNDLE"
	// Salutations is the salutations list; keys like "0001".
	Salutations ResourceType = "RESOURCE_MD_SALUTATIONS"
	// Functions is the job functions list; keys like "1", "52", "CO".
	Functions ResourceType = "RESOURCE_MD_FUNCTIONS"
	// Departments is the departments list; keys like "0002".
	Departments ResourceType = "RESOURCE_MD_DEPARTMENTS"
	// Relationships is the company relationships list; keys like "01".
	Relationships ResourceType = "RESOURCE_MD_RELATIONSHIPS"
	// Industries is the industries list; keys like "01".
	Industries ResourceType = "RESOURCE_MD_INDUSTRIES"
	// Languages is the languages list; keys like "EN" or "pt_BR".
	Languages ResourceType = "RESOURCE_MD_LANGUAGES"
	// Countries is the countries list; ISO 3166-1 alpha-2 keys.
	Countries ResourceType = "RESOURCE_MD_COUNTRIES"
)

// ResourceTypes returns every documented resource type: I18NBundle first,
// then the master-data lists.
func ResourceTypes() []ResourceType {
	return []ResourceType{I18NBundle, Salutations, Functions, Departments, Relationships, Industries, Languages, Countries}
}

// Valid reports whether rt is a documented resource type.
func (rt ResourceType) Valid() bool { return slices.Contains(ResourceTypes(), rt) }

// MasterData reports whether rt is a master-data list.
func (rt ResourceType) MasterData() bool { return rt != I18NBundle && rt.Valid() }

// bundleLocales are the documented locales of the end-user screens, plus
// "en", which SAP's examples use, and "ms" for Malay, which the page
// misprints as "s" (see docs/undocumented.md).
var bundleLocales = []string{
	"ar", "bg", "ca", "zh_CN", "zh_TW", "hr", "cs", "da", "nl", "en", "en_GB", "en_US",
	"et", "fi", "fr", "fr_CA", "de", "el", "iw", "hu", "it", "ja", "ko", "lv", "lt", "ms",
	"no", "pl", "pt", "ro", "ru", "sr", "sk", "sl", "es", "es_MX", "sv", "th", "tr", "uk",
	"vi", "cy",
}

// masterDataLocales are the documented locales with default master data.
var masterDataLocales = []string{
	"zh_CN", "nl", "en", "fr", "de", "iw", "it", "ja", "ko", "pl", "pt", "ru", "es", "cy", "sv",
}

// Locales returns the documented locales of rt (nil for an unknown type):
// the end-user screen locales for I18NBundle, the master-data locales for
// the lists. "iw" is Hebrew.
func (rt ResourceType) Locales() []string {
	switch {
	case rt == I18NBundle:
		return slices.Clone(bundleLocales)
	case rt.MasterData():
		return slices.Clone(masterDataLocales)
	}
	return nil
}

// ValidLocale reports whether locale is one of rt's documented locales,
// spelled exactly as documented ("zh_CN", not "zh-CN").
func (rt ResourceType) ValidLocale(locale string) bool {
	switch {
	case rt == I18NBundle:
		return slices.Contains(bundleLocales, locale)
	case rt.MasterData():
		return slices.Contains(masterDataLocales, locale)
	}
	return false
}
