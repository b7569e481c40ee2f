package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxData bounds what --data reads.
const maxData = 64 << 20

// readData reads a --data value: @FILE, - for stdin, or the text itself,
// without a leading byte order mark (files saved by Windows editors have
// one): it would hide JSON from the JSON decoder and from texts set's
// check for JSON, and become part of a properties key.
func (a *app) readData(spec string) ([]byte, error) {
	b, err := a.readDataBOM(spec)
	return bytes.TrimPrefix(b, []byte("\ufeff")), err
}

// readDataBOM is readData, byte order mark included.
func (a *app) readDataBOM(spec string) ([]byte, error) {
	switch {
	case spec == "-":
		b, err := io.ReadAll(limitReader(a.in, maxData, "stdin"))
		if errors.Is(err, errTooLarge) {
			return nil, usagef("--data: %v", err)
		}
		if err != nil {
			return nil, fmt.Errorf("reading stdin: %w", err)
		}
		return b, nil
	case strings.HasPrefix(spec, "@"):
		b, err := readFileLimit(spec[1:], maxData, spec[1:])
		if err != nil {
			return nil, usagef("--data: %v", err)
		}
		return b, nil
	}
	return []byte(spec), nil
}

// decodeData reads a --data value (see readData) and decodes its JSON into
// v; JSON that does not fit v is a usage error naming what was wanted.
func (a *app) decodeData(spec, what string, v any) error {
	b, err := a.readData(spec)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return usagef("--data: not %s: %v", what, err)
	}
	return nil
}
