package iastest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusShapes replays every corpus of real IAS exchanges in testdata
// against a fresh sandbox: the sandbox must answer each in the shape IAS
// did (status, header classes, key sets and JSON types).
func TestCorpusShapes(t *testing.T) {
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in testdata: %v", err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			xs, err := ReadExchanges(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range xs {
				if strings.TrimSpace(x.Source) == "" {
					t.Errorf("exchange %d (%s %s) states no source", i+1, x.Request.Method, x.Request.Path)
				}
			}
			s := newTest(t)
			diffs, err := s.Replay(context.Background(), xs)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffs {
				t.Error(d)
			}
			t.Logf("%d exchanges, %d differences", len(xs), len(diffs))
		})
	}
}
