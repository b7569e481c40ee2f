// Package texts covers the Change Tenant Texts and Change Master Data
// Texts REST APIs (/service/resource): the tenant's overrides of SAP's
// end-user screen texts (resource type I18NBundle) and of the master-data
// value lists (Salutations, Functions, Departments, Relationships,
// Industries, Languages, Countries), per locale.
//
// The caller is a system as administrator with the Manage Tenant
// Configuration role (403 otherwise).
//
//	tx := texts.New(c)
//	cur, err := tx.Get(ctx, texts.I18NBundle, "de") // overrides only; empty when none
//	err = tx.Set(ctx, texts.I18NBundle, "de", texts.Texts{"logon.ui.label.user": "E-Mail"})
//
// The tenant stores only overrides: a key absent from the set falls back to
// SAP's default. An upload (POST) replaces the whole override set of one
// resource type and locale, so Replace must be given the complete set; Set,
// Unset and Update read the current set, change it and write it back.
// Nothing guards that cycle against a concurrent writer (the API has no
// ETag): two concurrent updates of one locale can lose one change.
//
// Wire format. A read answers properties text (key=value lines). It is
// parsed as Java properties: "#" and "!" comment lines, "=", ":" or white
// space between key and value, backslash escapes (\t \n \r \f \uXXXX and
// \x for x), line continuations with a trailing backslash, and LF, CRLF or
// CR line ends; the brace form "{k=v, k2=v2}" shown by SAP's master-data
// examples and a JSON object are accepted too. A write sends
// [{"resourceType", "locale", "contentType": "text/html;charset=UTF-8",
// "data": "k=v\n..."}] with keys sorted, every line ended by "\n", and
// keys and values escaped as Java properties (so that a value may hold a
// backslash, a line break or leading blanks); the JSON escaping of "data"
// (\b \f \n \r \t \" \\) is done by the encoder, which leaves "<", ">" and
// "&" of HTML values as they are. Non-ASCII text is sent as UTF-8, as the
// declared charset says.
package texts
