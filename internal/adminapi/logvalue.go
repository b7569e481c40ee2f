package adminapi

import (
	"encoding/json"
	"log/slog"
	"strings"
)

// LogJSON is the slog value of v, a copy of a resource whose secrets are
// already blanked: its JSON, which slog's JSON handler embeds as it is and
// its text handler quotes. It exists because the JSON handler encodes a
// value with encoding/json, which for these types writes every member a
// create must send, secrets included.
func LogJSON(v any) slog.Value {
	b, err := json.Marshal(v)
	if err != nil {
		return slog.StringValue("!ERROR " + err.Error())
	}
	return slog.AnyValue(json.RawMessage(b))
}

// RedactExtra returns extra with the members named name in any case
// replaced by "[REDACTED]": where decoding put a second copy of a secret
// member (the same name in another case), a type's own redaction must
// reach it too. extra itself is not changed.
func RedactExtra(extra map[string]json.RawMessage, name string) map[string]json.RawMessage {
	if len(extra) == 0 {
		return extra
	}
	out := make(map[string]json.RawMessage, len(extra))
	for k, v := range extra {
		if strings.EqualFold(k, name) {
			v = json.RawMessage(`"[REDACTED]"`)
		}
		out[k] = v
	}
	return out
}
