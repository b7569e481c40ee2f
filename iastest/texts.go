package iastest

import (
	"encoding/json"
	"iter"
	"mime"
	"net/http"
	"regexp"
	"strings"
)

const i18nBundle = "RESOURCE_I18N_BUNDLE"

var (
	setIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	// mdLists maps /service/md/<list> names to resource types.
	mdLists = map[string]string{
		"salutations": "RESOURCE_MD_SALUTATIONS", "functions": "RESOURCE_MD_FUNCTIONS",
		"departments": "RESOURCE_MD_DEPARTMENTS", "relationships": "RESOURCE_MD_RELATIONSHIPS",
		"industries": "RESOURCE_MD_INDUSTRIES", "languages": "RESOURCE_MD_LANGUAGES",
		"countries": "RESOURCE_MD_COUNTRIES",
	}
	timezones = []string{"Africa/Johannesburg", "America/Chicago", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Shanghai", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Europe/Berlin", "Europe/London", "Europe/Paris", "UTC"}
)

func validResourceType(rt string) bool {
	if rt == i18nBundle {
		return true
	}
	_, ok := defaultMasterData[rt]
	return ok
}

func textKey(setID, rt, locale string) string {
	return setID + "|" + rt + "|" + strings.ToLower(locale)
}

// handleTexts implements the Change Tenant Texts and Change Master Data
// Texts APIs: GET /service/resource?resourceType&locale[&setId] answers the
// override text, POST /service/resource/<setId> replaces overrides.
func (s *Server) handleTexts(w http.ResponseWriter, r *http.Request) {
	setID := strings.Trim(strings.TrimPrefix(r.URL.Path, "/service/resource"), "/")
	switch {
	case setID == "" && r.Method == http.MethodGet:
		q := r.URL.Query()
		rt, locale := q.Get("resourceType"), q.Get("locale")
		set := q.Get("setId")
		if set == "" {
			set = "SAP_DEFAULT"
		}
		if !validResourceType(rt) || !validTextLocale(locale) {
			writeText(w, http.StatusBadRequest, "resourceType and locale are required and must be valid\n")
			return
		}
		if notAcceptable(w, r, textProduces...) {
			return
		}
		s.mu.Lock()
		data, ok := s.st.texts[textKey(set, rt, locale)]
		s.mu.Unlock()
		if !ok {
			writeText(w, http.StatusNotFound, "Resource not found for scenario\n")
			return
		}
		writeText(w, http.StatusOK, data)
	case setID != "" && r.Method == http.MethodPost:
		s.postTexts(w, r, setID)
	case setID == "":
		plainMethodNotAllowed(w, http.MethodGet)
	default:
		plainMethodNotAllowed(w, http.MethodPost)
	}
}

type textResource struct {
	ResourceType *string `json:"resourceType"`
	Locale       *string `json:"locale"`
	ContentType  *string `json:"contentType"`
	Data         *string `json:"data"`
}

func (s *Server) postTexts(w http.ResponseWriter, r *http.Request, setID string) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != jsonContentType {
		writeText(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json\n")
		return
	}
	if !setIDRe.MatchString(setID) {
		writeText(w, http.StatusNotFound, "Unknown set\n")
		return
	}
	var list []textResource
	if err := json.Unmarshal(body(r), &list); err != nil || len(list) == 0 {
		writeText(w, http.StatusBadRequest, "body must be a non-empty JSON array of resources\n")
		return
	}
	for _, t := range list {
		if t.ResourceType == nil || t.Locale == nil || t.Data == nil || !validResourceType(*t.ResourceType) || !validTextLocale(*t.Locale) {
			writeText(w, http.StatusBadRequest, "each resource needs a valid resourceType, locale and data\n")
			return
		}
		if bad := invalidPropertiesLine(*t.Data); bad != "" {
			writeText(w, http.StatusBadRequest, "invalid line in data: "+bad+"\n")
			return
		}
		if *t.ResourceType == i18nBundle {
			if bad := textsHTMLViolation(*t.Data); bad != "" {
				writeText(w, http.StatusBadRequest, "HTML not allowed in data: "+bad+"\n")
				return
			}
		}
	}
	s.mu.Lock()
	for _, t := range list {
		k := textKey(setID, *t.ResourceType, *t.Locale)
		if strings.TrimSpace(*t.Data) == "" {
			delete(s.st.texts, k)
		} else {
			s.st.texts[k] = *t.Data
		}
	}
	s.mu.Unlock()
	writeCode(w, http.StatusOK, "")
}

// propertyLines yields the trimmed lines of a .properties text, leaving out
// blank lines and comments.
func propertyLines(data string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, line := range strings.Split(data, "\n") {
			line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
				continue
			}
			if !yield(line) {
				return
			}
		}
	}
}

// invalidPropertiesLine returns the first line that is not key=value,
// blank, or a comment.
func invalidPropertiesLine(data string) string {
	for line := range propertyLines(data) {
		if k, _, ok := strings.Cut(line, "="); !ok || strings.TrimSpace(k) == "" {
			return line
		}
	}
	return ""
}

// parseProperties parses key=value lines.
func parseProperties(data string) (keys []string, m map[string]string) {
	m = map[string]string{}
	for line := range propertyLines(data) {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		if _, dup := m[k]; !dup {
			keys = append(keys, k)
		}
		m[k] = strings.TrimSpace(v)
	}
	return keys, m
}

// masterData returns the effective list (defaults overlaid by the
// SAP_DEFAULT overrides of the locale); s.mu held.
func (s *Server) masterData(rt, locale string) map[string]string {
	_, m := parseProperties(defaultMasterData[rt])
	if o, ok := s.st.texts[textKey("SAP_DEFAULT", rt, locale)]; ok {
		_, om := parseProperties(o)
		for k, v := range om {
			m[k] = v
		}
	}
	return m
}

// handleMasterDataList serves GET /service/md/<list> (and /md/<list>) as a
// JSON object key → label.
func (s *Server) handleMasterDataList(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodGet) {
		return
	}
	p := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/service"), "/md/")
	locale := r.URL.Query().Get("locale")
	if locale == "" {
		locale = "en"
	}
	if notAcceptable(w, r, jsonProduces...) {
		return
	}
	if p == "timezones" {
		m := map[string]string{}
		for _, z := range timezones {
			m[z] = z
		}
		writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", m)
		return
	}
	rt, ok := mdLists[strings.Trim(p, "/")]
	if !ok {
		writeText(w, http.StatusNotFound, "Not Found\n")
		return
	}
	s.mu.Lock()
	m := s.masterData(rt, locale)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", m)
}

// canonical reports whether v is a key of the master-data list rt
// (case-insensitive); s.mu held.
func (s *Server) canonical(rt, v string) bool {
	for k := range s.masterData(rt, "en") {
		if strings.EqualFold(k, v) {
			return true
		}
	}
	return false
}

// textLocales are the locales the texts APIs take: those of the end-user
// screens and those with default master data (Malay, which SAP's page
// writes as "s", as ms).
var textLocales = strings.Fields(`ar bg ca zh_CN zh_TW hr cs da nl en en_GB en_US et fi fr fr_CA de el iw hu it
	ja ko lv lt ms no pl pt ro ru sr sk sl es es_MX sv th tr uk vi cy`)

// validTextLocale reports whether l is one of textLocales (ignoring case).
func validTextLocale(l string) bool { return containsFold(textLocales, l) }
