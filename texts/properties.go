package texts

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// ParseProperties parses Java properties text into a Texts: "#" and "!"
// comment lines and blank lines are skipped; key and value are separated by
// the first unescaped "=", ":" or white space (with blanks around it);
// backslash escapes \t \n \r \f \uXXXX (surrogate pairs joined) and \x (for
// x itself) are decoded; a line ending in an odd number of backslashes
// continues on the next line, whose leading blanks are dropped; lines may
// end with LF, CRLF or CR. A later duplicate key wins. It never fails: a
// malformed \u escape is kept as written.
func ParseProperties(s string) Texts {
	t := Texts{}
	lines := naturalLines(s)
	for i := 0; i < len(lines); i++ {
		line := strings.TrimLeft(lines[i], " \t\f")
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		for endsInEscape(line) && i+1 < len(lines) {
			i++
			line = line[:len(line)-1] + strings.TrimLeft(lines[i], " \t\f")
		}
		if endsInEscape(line) { // continuation at the end of the text
			line = line[:len(line)-1]
		}
		k, v := splitKeyValue(line)
		t[unescape(k)] = unescape(v)
	}
	return t
}

// naturalLines splits s at LF, CRLF and CR.
func naturalLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

// endsInEscape reports whether line ends in an odd number of backslashes.
func endsInEscape(line string) bool {
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// splitKeyValue splits a logical line (leading blanks removed) into its
// raw, still escaped key and value.
func splitKeyValue(line string) (key, value string) {
	end := len(line)
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '\\' {
			i++ // the escaped character belongs to the key
			continue
		}
		if c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f' {
			end = i
			break
		}
	}
	key = line[:end]
	rest := strings.TrimLeft(line[end:], " \t\f")
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " \t\f")
	}
	return key, rest
}

// unescape decodes the backslash escapes of a key or value.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	var pending []uint16 // UTF-16 units of consecutive \u escapes
	flush := func() {
		if len(pending) > 0 {
			b.WriteString(string(utf16.Decode(pending)))
			pending = pending[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			flush()
			if c != '\\' {
				b.WriteByte(c)
			}
			continue
		}
		i++
		switch c = s[i]; c {
		case 'u':
			if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 16); err == nil {
					pending = append(pending, uint16(v))
					i += 4
					continue
				}
			}
			flush()
			b.WriteString(`\u`) // malformed: keep as written
			continue
		case 't':
			c = '\t'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 'f':
			c = '\f'
		}
		flush()
		b.WriteByte(c)
	}
	flush()
	return b.String()
}

// FormatProperties renders t as properties text: one "key=value\n" line
// per key, keys sorted. Keys escape "\", blanks, "=", ":", "#", "!" and
// line breaks; values escape "\", line breaks, tabs, form feeds and
// leading blanks, and keep everything else (HTML, "{0}", non-ASCII) as
// it is. ParseProperties(FormatProperties(t)) equals t.
func FormatProperties(t Texts) string {
	var b strings.Builder
	for _, k := range t.Keys() {
		writeEscaped(&b, k, true)
		b.WriteByte('=')
		writeEscaped(&b, t[k], false)
		b.WriteByte('\n')
	}
	return b.String()
}

// writeEscaped escapes s byte by byte: every character it escapes is
// ASCII, so multi-byte UTF-8 (and any other byte) passes unchanged.
func writeEscaped(b *strings.Builder, s string, key bool) {
	leading := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\f':
			b.WriteString(`\f`)
		case ' ':
			if key || leading {
				b.WriteString(`\ `)
			} else {
				b.WriteByte(' ')
			}
		case '=', ':', '#', '!':
			if key {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
		if c != ' ' {
			leading = false
		}
	}
}
