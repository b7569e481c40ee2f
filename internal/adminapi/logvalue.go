package adminapi

import (
	"encoding/json"
	"log/slog"
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
