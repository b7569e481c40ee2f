// Package iastest runs an in-memory SAP Cloud Identity Services – Identity
// Authentication (IAS) tenant on loopback, for tests (the SDK's and your
// own) and for sandbox use.
//
//	srv := iastest.NewServer()            // http://127.0.0.1:<port>
//	defer srv.Close()
//	id := srv.SeedUser(iastest.SeedUser{UserName: "alice", Password: "s3cret"})
//	srv.Fail(iastest.Fault{Path: "/scim/Users", Status: 503, Times: 1})
//	// point the code under test at srv.URL with srv.ClientID/srv.ClientSecret
//
// The package is independent of the SDK (it imports nothing from this
// module), so a misunderstanding of the API cannot hide on both sides. Its
// behaviour follows SAP's documentation of the APIs and recorded answers
// of real tenants; where both are silent it makes the choices listed under
// Choices below (docs/undocumented.md of the repository gives the SDK's side
// of each), with RFC 7644 (SCIM) or RFC 6749 (OAuth) behaviour otherwise.
//
// # Server
//
// NewServer listens on 127.0.0.1:0 (WithAddr to choose), plain HTTP by
// default; WithTLS serves HTTPS with a certificate from a throw-away CA
// (CertPool, Client); WithClientCertAuth also requests client certificates
// (tls.VerifyClientCertIfGiven) and accepts those signed by that CA
// (ClientCertificate). Every response carries X-Ids-Id (an upper-case UUID,
// new for every response), Server: SAP and Cache-Control like IAS. All
// state is in memory, guarded by one mutex; Close cancels pending delays and
// waits for every handler.
//
// # Authentication
//
//   - Basic with ClientID:ClientSecret on every REST API.
//   - Bearer tokens from POST /oauth2/token (grant_type=client_credentials;
//     client_secret_basic with form-urlencoded id/secret as RFC 6749 §2.3.1
//     requires, client_secret_post, tls_client_auth with WithClientCertAuth).
//     Tokens are opaque, live WithTokenLifetime (default 3600 s, expires_in)
//     on the server clock, and RevokeTokens invalidates them. Bearer is
//     accepted on /scim only: IAS documents it for the Identity Directory
//     and not for the other APIs.
//   - A client certificate signed by the server CA, with WithClientCertAuth.
//   - Five wrong secrets (token endpoint or Basic on any API) lock the client
//     ID for 60 minutes on the server clock; a locked client gets 401
//     invalid_client at the token endpoint and 401 on REST APIs, with
//     X-Message-Code PASSWORD_LOCKED on the application APIs (/service/users,
//     /service/users/forgotPassword, /cps/invite/), which is how we read the
//     PASSWORD_LOCKED listed for them. See ClientLocked, UnlockClient and
//     WithClientIDLock.
//   - A token requested with a client certificate is bound to it (RFC 8705;
//     discovery advertises tls_client_certificate_bound_access_tokens):
//     presented without that certificate it gets 401. Whether IAS binds
//     tokens is open in the reference; we follow what discovery advertises.
//   - Roles: ClientID holds every administrator role RevokeRole has not
//     taken away; AddClient adds systems holding only the roles given.
//     Authenticated without the role an API needs is 403
//     ("Forbidden", a SCIM error on SCIM paths), also through a token, and
//     per operation in a Bulk. Reading users takes Manage Users or Read
//     Users; writing users, schemas and everything under /service/scim
//     except groups takes Manage Users; reading groups takes any of Manage
//     Groups, Manage Users, Read Users, writing them Manage Groups (IAS
//     documents Manage Groups for groups without saying for which
//     operations); the texts API takes Manage Tenant Configuration; the
//     application APIs and the master-data lists check no role; the
//     configuration APIs are described below.
//   - Unauthenticated calls get 401 (SCIM error body on SCIM paths), or with
//     WithUnauthenticatedRedirect a 301 to /saml2/idp/sso?… which serves an
//     HTML logon page with 200, so a client that follows redirects ends up
//     with HTML.
//
// # Identity Directory SCIM (/scim)
//
// Users, Groups, Schemas, Bulk, plus ServiceProviderConfig and ResourceTypes
// (see Choices). Collection paths work with and without a trailing slash.
// Implemented rules:
//
//   - POST 201 with absolute Location and ETag "<version>", uncompressed;
//     every 200 answer (GET, PUT, lists, Bulk) is gzipped when the client
//     accepts gzip, and then a resource's ETag is "<version>-gzip"; 200
//     answers carry Vary: Accept-Encoding,X-CSP-STRIP, all others Vary:
//     X-CSP-STRIP; lists carry no ETag/Location; PATCH and DELETE answer
//     204 without body. meta.version is a new UUID on every write
//     (including membership changes of a group).
//   - If-Match on PUT/PATCH/DELETE is enforced: 412 on mismatch; "*" and
//     values with or without the -gzip suffix and quotes are accepted.
//     If-None-Match on GET answers 304 (RFC 7644; not documented).
//   - Errors: {"schemas":[Error],"status":"404","detail":…} with status as a
//     string, scimType where RFC 7644 defines one, Content-Type
//     application/scim+json; X-Message-Code: IDS_EXCEPTION on 404 (the only
//     status it was observed with). Ids that are not UUIDs answer 400
//     "\"<id>\" is not a valid identifier!".
//   - Request bodies must be application/scim+json or application/json (or
//     have no Content-Type); other types get 415. An Accept header that
//     admits neither gets 406.
//   - What is unassigned is neither stored nor echoed (RFC 7643 §2.5): null,
//     "", empty arrays and objects left empty, at any depth of a POST, PUT
//     or patched document. IAS never sends an empty multi-valued attribute
//     ("members": [] included) and invents none: the SAP user extension
//     holds what was set plus emails, userId, userUuid, status and
//     mailVerified, passwordDetails only for a user with a password (with
//     loginTime after a password logon), loginTime after a logon, and
//     verifiedTime on e-mails once verified (the sandbox: the creation
//     time). totpEnabled, mfaEnabled and webAuthEnabled
//     are never sent, but filters on them work as documented.
//   - Users: schemas must list every extension used (400 otherwise, also for
//     unknown URNs); id, userId (P000001…) and userUuid (= id unless sent)
//     are generated; active and the SAP extension status must agree (400
//     "Values for attribute status are not synchronized…"; if only one is
//     sent the other is derived, neither gives active=false,
//     status=inactive; a PATCH touching only one derives the other);
//     userType defaults to public; mailVerified to false; the SAP extension's
//     emails mirror the core emails; emails are mandatory and exactly one is
//     primary (the last when none is marked); userName, primary e-mail and
//     userUuid are unique (409, scimType uniqueness); character rules of
//     userName/name/displayName; master-data attributes (addresses.country,
//     enterprise department, SAP industry and companyRelationship) take keys
//     of the master-data lists only, and locale, timezone and userType their
//     canonical values (400 "Value not supported for attribute …"; see
//     Choices); the other name parts are free text (IAS takes
//     honorificPrefix "Mr."); password is write-only and sets
//     passwordDetails.status initial; write-only controls (sendMail,
//     applicationId, emailTemplateSetId, targetUrl) are dropped; unknown
//     attributes and custom-schema objects are stored as given (JSON types
//     preserved).
//   - Group membership is managed through Groups only: core groups on users
//     is read-only (ignored on POST/PUT as RFC 7644 says for read-only
//     attributes, 400 mutability on PATCH). Members must exist (400), their
//     type is set by the server, $ref is absolute; a group without members
//     has no members key; the custom Group extension's name defaults to the
//     group id, is unique (409) and immutable (400); additionalId is a
//     24-hex legacy id. Authorization-policy groups cannot be created (400)
//     but can be seeded (SeedGroup.Attributes) and are listed like any
//     group.
//   - PATCH supports add/replace/remove with paths attr, attr.sub,
//     <urn>:attr, <urn> (whole extension), attr[filter] and
//     attr[filter].sub; replace on attr[filter] with an array replaces the
//     matched elements; replace on a complex attribute merges sub-attributes;
//     remove accepts "value": null and, for multi-valued attributes, a value
//     list to remove.
//   - Lists: startId/nextId cursor paging (startId=initial; nextId "end"
//     after the last page; an unknown startId is 400; for groups, a first
//     page that holds every result answers startIndex 1 without startId and
//     nextId, as recorded), or startIndex
//     (1-based, <1 → 1); count defaults to 100, negative → 0, and is capped
//     at 100 for users (groups uncapped); itemsPerPage is the count used;
//     Resources is omitted when empty; users in lists carry
//     meta["groups.cnt"].
//   - Filters are parsed with github.com/scim2/filter-parser/v2. Supported, as
//     documented: eq, ne, sw (users only), gt, lt, and, or, parentheses,
//     value paths (emails[type eq "work"]) and fully qualified extension
//     attributes; co, ew, pr, ge, le and not are 400 invalidFilter; at most
//     90 operands per attribute. String comparison is case-insensitive;
//     userName eq "" also matches users without userName.
//   - attributes / excludedAttributes (attributes wins), short or fully
//     qualified, with sub-attributes; nested paging
//     members[startId=initial&count=N] / groups[startIndex=1&count=N] sets
//     meta "members.cnt"/"members.nextId" ("groups.*" on users).
//   - Schemas: 12 built-in schemas with the attributes, types, mutability,
//     uniqueness, canonical values and referenceTypes of a live tenant's
//     (ServiceProviderConfig 7 attributes, ResourceType 6), itemsPerPage
//     1000; custom schemas with IAS's limits (20 schemas, 20 attributes, 20
//     sub-attributes, names of ≤ 20 alphanumeric/underscore characters, name
//     must equal the id's last segment), multi-valued attributes of any type,
//     a schema without attributes listed without the key, caseExact etc.
//     defaulted; 409 for an existing id; deleting removes the values from all
//     resources; built-in schemas cannot be deleted (400).
//   - Bulk: at most 100 operations (413 tooMany); bulkId references are 400
//     invalidValue for the whole request; each operation runs like the
//     single request and gets a string status ("201", "409", …) with the
//     error as response; version acts as If-Match; paths other than /Users
//     and /Groups fail that operation with 400.
//   - Soft-deleted users (WithSoftDelete, the tenant option "soft delete
//     users"): a deleted user is kept, blocked, and reached with
//     blocked=true on /scim/Users: list, get, delete for good, and restore
//     by a PATCH of the SAP extension's status (see WithSoftDelete).
//
// # Deprecated SCIM (/service/scim)
//
// Users by User ID (P000001…), groups by their 24-hex legacy id, over the
// same store. Flat legacy attributes (timeZone, company, mailVerified as
// "true"/"false", …; passwordStatus, passwordFailedLoginAttempts and the
// password times only for a user with a password, as passwordDetails); search with eq/and on id, userUuid,
// emails, userName, name.familyName, addresses.country and groups; id or
// index paging, count ≤ 100; reduced attributes in search results; PUT of
// users is partial (only sent attributes change) and needs the path id in
// the body; group PUT replaces members and answers "Mismatched group id";
// group names default to displayName and are unique (409); at most 100
// members are returned. Location and meta.location of users point to
// /service/scim/Users/<id> (SAP's example Location /service/users/<id> is
// taken for a documentation slip). Only Basic and certificate authentication. POST/PUT
// need Content-Type application/scim+json (415).
//
// # Application APIs
//
// Invitation, Password, Forgot Password and TOTP answer 415 to a request
// whose Content-Type is not application/json (none is accepted), the SP
// user status PUT to anything but its application/vnd.sap-id-service.sp-
// user-id+xml (with or without parameters); an Accept header that excludes
// what an API answers with (JSON, the SP user XML, texts as text/plain) gets
// 406.
//
//   - POST /service/users (form-encoded): 201 with Location; for a new user
//     with send_email=false, {"activationLink":…} (the link activates the
//     user at /ids/activation); otherwise an activation Mail is recorded; 409
//     with the existing SP user's Location; 400 for an inactive user or bad
//     input. GET /service/users?name_id= answers 200 with Location (404 if
//     none); GET /service/users/{id} answers XML; PUT with
//     <user><status>inactive|active</status></user> answers 200; DELETE
//     answers 200 and removes a public user with its last SP user. SP user
//     information carries every attribute the user has, country, city
//     (private address) and company_city (work address) included.
//   - POST /cps/invite/: success is 200 with an empty body (the status is not
//     documented); INVITATION_API_PARAMETER_INCORRECT (400) for missing,
//     conflicting or malformed parameters, INVITATION_API_EMAIL_INCORRECT
//     (400) for a bad e-mail or unknown inviteeUserId. See Invitations, Mails.
//   - POST /service/users/password: the Basic header carries the end user's
//     identifier (user id, userName or e-mail) and password. With TOTP the
//     password is immediately followed by the 6-digit code ("secret123456");
//     the SDK's password helper follows the same convention. The application
//     authenticates with its client certificate when WithClientCertAuth is
//     on; otherwise no application authentication is required. 200 with
//     {"uid","first_name","last_name","mail","type"}; plain wrong
//     credentials 401 without code; the fifth wrong password locks for 60
//     minutes and answers PASSWORD_LOCKED; then, in this order,
//     PASSWORD_DISABLED, USER_INACTIVE, PASSWORD_RESET_REQUIRED,
//     INITIAL_PASSWORD_EXPIRED, PASSWORD_CHANGE_REQUIRED (also for a
//     password set by an administrator, status initial),
//     RBA_RULE_ACTION_DENY, INVALID_AUTHORIZATION_HEADER_LENGTH (TOTP
//     enabled, no code), INVALID_OTP_CODE (wrong or reused code).
//   - POST /service/users/forgotPassword: 200 also for unknown users and
//     after three mails in 24 h (no mail then); 400 with USER_INACTIVE,
//     PASSWORD_DISABLED or PASSWORD_TOO_NEW (password set within 24 h).
//   - POST /service/users/otp {"userName","otpCode"}: real RFC 6238 TOTP
//     (SHA-1, 30 s, 6 digits, ±1 step) on the server clock; 401 with
//     BAD_CREDENTIALS (caller not authenticated), INVALID_OTP_CODE,
//     USED_OTP_CODE (replay of a step), LOCKED_OTP_CODE (the fifth wrong code
//     and for 60 minutes after). TOTP and Server.TOTPNow compute codes.
//
// # Application configurations and corporate identity providers
//
// /Applications/v1 and /IdentityProviders/v1 accept Basic, Bearer tokens
// and client certificates; RevokeRole(RoleManageApplications) or
// RevokeRole(RoleManageIdentityProviders) makes them answer 403
// {"error":{"code":403,"message":"Access is denied."}}, the error body of
// both APIs (no X-Message-Code). Creates answer 201 with no body and a
// relative Location (/Applications/v1/<uuid>); PUT, PATCH and DELETE answer
// 200 with no body. Bodies are pretty-printed JSON. Every tenant has the
// system applications Administration Console and User Profile (fixed ids,
// not deletable: 403); new applications get IAS's defaults (client id,
// schemas, branding, five assertion attributes, protocol settings, meta
// type charged, version "1"). Lists page with limit (1-100), skip and an
// opaque cursor (nextCursor absent on the last page; totalResults counts
// all matches); application filters are "<attr> eq <value>" on id, name,
// parentApplicationId or clientId, and no match, like an empty identity
// provider list, is 404 "Unable to find ...". PATCH takes {"operations":
// [...]} with JSON-pointer paths, applies all or nothing, and "", [] or
// null clear a member (IAS omits empty members). sapManagedAttributes is
// refused with 403. Modified-on-behalf-of on an application write is shown
// as meta.modifiedOnBehalf (400 above 255 characters). API secrets: at
// most 20 per application, 31 characters, shown once in the 201 with clientId and a four-character
// hint; validTo must lie in the future, scopes are manageApp, oAuth,
// manageUsers, readUserProfile, manageAMSPolicies; PATCH replaces
// description, validTo or authorizationScopes; DELETE takes ?id= or
// ?hint= (the one expiring first). Identity providers need displayName and
// one of the four types (saml2 by default), have no PUT (405), never
// return the OIDC clientSecret (isClientSecretConfigured says), and get
// openid added to their scopes. SetIdentityProviderReadLag(n) makes the n
// reads after a PATCH still show the old state, as IAS's reads lag. With
// WithDemoData: the applications orders-portal (OpenID Connect) and
// hr-portal (SAML), and the identity providers Contoso Entra ID (OpenID
// Connect) and Fabrikam ADFS (SAML).
//
// # Texts and master data
//
// GET /service/resource?resourceType=…&locale=…[&setId=…] answers the
// stored overrides as text/plain;charset=UTF-8 key=value lines, 404 when
// there are none; POST /service/resource/<setId> takes the JSON array and
// replaces the overrides per resource type and locale (empty data removes
// them); invalid JSON, unknown resource types, locales outside the documented
// list or lines without "=" are 400, on GET and POST. Tenant text values are
// held to IAS's documented HTML allow-list (elements, their attributes, the
// global id/class/data-safermailto-* attributes, http/https/mailto/ftp URLs,
// the values of dir, target and rel; comments are refused): IAS does not
// document how it reports a violation, the sandbox answers 400 naming the
// key and the offence and stores nothing; master data is not held to it.
// GET /service/md/<list>
// (and /md/<list>) answers the effective master data (Appendix B defaults,
// overlaid by the SAP_DEFAULT overrides of ?locale=, default en) as a JSON
// object; timezones is a short fixed list. Two documentation errors of the
// defaults are corrected: the keyless "English (United Kingdom)" is en_GB
// and "Sint Maarten" is SX.
//
// # Throttling
//
// WithThrottle(true) applies IAS's documented limits on the server clock:
// /scim and /service/scim together serve 200 requests a minute, delay
// requests 201–280 by WithThrottleDelay (default 1 s, real time), and answer
// the 281st with 429 and everything for the next 60 s too; /oauth2 answers
// 429 above 1000 requests a minute; a request arriving while 50 others from
// the same IP address are being served gets 429 (SAP documents "50
// concurrent requests per second" per originating IP; we read it as
// concurrency). No Retry-After is sent (none was
// observed); add one with a Fault if needed. Request.Throttled shows what
// happened.
//
// # Faults and observation
//
// Fail scripts faults per method and path pattern: status with
// X-Message-Code, body and Retry-After; a number of times or forever;
// delays (cut short by the client's cancellation or Close); connections
// dropped before the headers or mid-body; truncated JSON; an HTML error
// page; 301/302/307/308 redirects to a path or another origin. Requests
// returns what the server saw, with credentials masked (the last 100 000
// requests at most); an entry is logged before the client can read the
// answer. TokenRequests counts token requests.
//
// # Seeding and determinism
//
// SeedUser and SeedGroup create resources directly, including password
// states, TOTP secrets and statuses; SetPassword, SetTOTPSecret and
// UnlockPassword change them later; LegacyUserID and LegacyGroupID give the
// deprecated API's ids. Ids (UUIDs, user ids, legacy group ids)
// and the default credentials derive from WithSeed (default 1), so equal
// seeds and equal operations give equal ids. WithClock injects time (see
// ManualClock). WithDemoData seeds five users (alice, bob with TOTP
// DemoTOTPSecret, carol inactive, dave new, erin locked; password
// DemoPassword), three groups and the custom schema DemoSchema.
//
// # Fidelity
//
// How far the sandbox answers as IAS does is measured, not assumed. Exchange
// is a JSONL format of recorded HTTP exchanges (status, the headers that
// make a shape, JSON or text bodies; ids, hosts and secrets replaced);
// the files in testdata hold exchanges of real tenants and SAP's
// documentation, each naming its source, and a test replays each file
// against a fresh sandbox. Server.Replay sends a recording to a server and returns
// every Difference in shape: status, the class of ETag, Location,
// Content-Type and Vary, and the key sets and JSON types of the bodies,
// recursively (values are data, not shape). Recorder, an http.RoundTripper
// for ias.WithHTTPClient, records exchanges with a real tenant in that
// format with secrets, tokens and passwords removed; `ias --record FILE`
// does it from the CLI and `ias sandbox verify FILE` replays the file.
//
// # Choices
//
// Where IAS documents nothing, the sandbox follows these rules:
//
//   - ServiceProviderConfig and ResourceTypes follow RFC 7643 §5/§6 and RFC
//     7644 §4: the configuration as the sandbox behaves; ResourceTypes/User
//     and /Group with their schema extensions (the SAP user extension and
//     the custom Group extension required, as every resource carries them);
//     an unknown resource type and any path below ServiceProviderConfig are
//     404.
//   - If-Match is enforced and If-None-Match answers 304 (RFC 7644).
//   - Compression: IAS was recorded gzipping GET 200 answers, not POST 201
//     ones or errors; the sandbox gzips every SCIM 200 answer.
//   - userType is compared ignoring case (SAP's own example sends
//     "Employee"); locale is a language key of the master data, alone or
//     followed by "_" or "-" and a country key; timezone is an IANA name.
//   - A custom schema may be created without attributes (real tenants hold
//     such schemas).
//   - Texts locales are the documented end-user locales plus en (SAP's
//     examples) and ms (the page's "s").
//   - Missing Content-Type on the application APIs is accepted; a wrong one
//     is 415.
//   - Invitations: the sandbox behaves like an application without a Home
//     URL, so targetUrl and sourceUrl are both required.
//   - Soft-deleted users answer as described under WithSoftDelete; an API
//     secret created without validTo is valid for 100 years; deleting a
//     system application is 403; an application PATCH applies all its
//     operations or none; identity providers default to saml2, their OIDC
//     endpoints are not derived from discoveryUrl, and their read lag is a
//     number of stale reads, not a time.
//   - Bulk: an operation's version acts as If-Match.
//   - A request body above 16 MiB (the bulk.maxPayloadSize of
//     ServiceProviderConfig) is refused with 413 in the error body of its
//     API, never processed cut short; JSON nested deeper than Go's decoder
//     allows is 400.
package iastest
