package iastest

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

// The tenant texts may carry limited HTML; IAS documents an allow-list of
// elements, attributes and URL schemes. How IAS reports a violation is not
// documented; the sandbox refuses the upload with 400 naming the offence,
// so that a text a tenant would not show as written fails in tests.

// htmlElements maps each allowed element to its allowed attributes besides
// the global ones.
var htmlElements = map[string][]string{}

func init() {
	for _, e := range strings.Fields(`span strong em b i u s mark small sub sup cite code kbd samp var pre p
		h1 h2 h3 h4 h5 h6 hgroup div header footer main article section aside nav address ul dl dt dd menu
		thead tbody tfoot tr caption figure figcaption picture hr br wbr ruby rt rp rb rtc summary`) {
		htmlElements[e] = nil
	}
	for e, attrs := range map[string]string{
		"abbr": "title", "time": "datetime", "ins": "datetime", "del": "datetime",
		"blockquote": "cite", "q": "cite", "data": "value", "bdo": "dir", "bdi": "dir",
		"ol": "start type reversed", "li": "value", "td": "colspan rowspan scope headers",
		"th": "colspan rowspan scope headers abbr", "col": "span", "colgroup": "span",
		"table": "summary", "details": "open", "progress": "value max",
		"meter": "value min max low high optimum", "font": "size color face", "a": "href target rel",
	} {
		htmlElements[e] = strings.Fields(attrs)
	}
}

var (
	htmlGlobalAttrs = []string{"id", "class", "data-safermailto-subject", "data-safermailto-recipient", "data-safermailto-domain"}
	htmlURLSchemes  = []string{"http", "https", "mailto", "ftp"}
	htmlTargets     = []string{"_blank", "_self", "_parent", "_top"}
	htmlRelRe       = regexp.MustCompile(`^[A-Za-z][A-Za-z\s-]*$`)
	htmlTagRe       = regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9]*)`)
	htmlAttrRe      = regexp.MustCompile(`^\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
)

// htmlViolation returns what in a text value the allow-list does not
// permit ("" when it is all allowed). A "<" not followed by a letter, "/"
// or "!" is text, as browsers read it.
func htmlViolation(v string) string {
	for i := strings.IndexByte(v, '<'); i >= 0; i = strings.IndexByte(v, '<') {
		v = v[i:]
		if strings.HasPrefix(v, "<!") {
			return "markup declarations and comments are not allowed"
		}
		m := htmlTagRe.FindStringSubmatch(v)
		if m == nil {
			v = v[1:]
			continue
		}
		name := strings.ToLower(m[2])
		allowed, ok := htmlElements[name]
		if !ok {
			return fmt.Sprintf("element <%s> is not allowed", name)
		}
		rest := v[len(m[0]):]
		for {
			rest = strings.TrimLeft(rest, " \t\r\n\f")
			if strings.HasPrefix(rest, ">") || strings.HasPrefix(rest, "/>") {
				break
			}
			a := htmlAttrRe.FindStringSubmatch(rest)
			if a == nil || m[1] == "/" {
				return fmt.Sprintf("malformed tag <%s%s>", m[1], name)
			}
			rest = rest[len(a[0]):]
			if why := htmlAttrViolation(name, strings.ToLower(a[1]), html.UnescapeString(a[2]+a[3]+a[4]), allowed); why != "" {
				return why
			}
		}
		v = rest
	}
	return ""
}

// htmlAttrViolation checks one attribute of an allowed element.
func htmlAttrViolation(elem, attr, val string, allowed []string) string {
	if !containsFold(allowed, attr) && !containsFold(htmlGlobalAttrs, attr) {
		return fmt.Sprintf("attribute %s is not allowed on <%s>", attr, elem)
	}
	bad := func() string { return fmt.Sprintf("value %q of %s is not allowed on <%s>", val, attr, elem) }
	switch {
	case attr == "href" || attr == "cite":
		if scheme, ok := urlScheme(val); ok && !containsFold(htmlURLSchemes, scheme) {
			return bad()
		}
	case attr == "dir" && !containsFold([]string{"ltr", "rtl"}, val),
		attr == "target" && !containsFold(htmlTargets, val),
		attr == "rel" && !htmlRelRe.MatchString(val):
		return bad()
	}
	return ""
}

// urlScheme returns the scheme of a URL as a browser reads it (ignoring
// whitespace and control characters), ok false for a relative URL.
func urlScheme(u string) (string, bool) {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	i := strings.IndexAny(u, ":/?#")
	if i <= 0 || u[i] != ':' {
		return "", false
	}
	return strings.ToLower(u[:i]), true
}

// textsHTMLViolation checks the values of a tenant texts upload against
// the allow-list and returns the first offence with its key.
func textsHTMLViolation(data string) string {
	for line := range propertyLines(data) {
		k, v, _ := strings.Cut(line, "=")
		if why := htmlViolation(v); why != "" {
			return strings.TrimSpace(k) + ": " + why
		}
	}
	return ""
}
