package ias_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docFiles returns the README, the files under docs/ and every Go file of
// the module: what a user or contributor reads.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".go") || strings.HasPrefix(p, "docs"+string(filepath.Separator))) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDocsStayInTheRepository holds that the README and package docs
// never send a reader to files a clone does not have (the team's desk
// outside the repository), and that every relative link of the README and
// of docs/ resolves.
func TestDocsStayInTheRepository(t *testing.T) {
	outside := "shared" + "/" // split, so that this file does not match itself
	for _, f := range docFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), outside) {
			t.Errorf("%s points to %s..., which is not in the repository", f, outside)
		}
		if strings.Contains(string(b), "open "+"question") {
			t.Errorf("%s cites a numbered question of a document that is not in the repository", f)
		}
	}
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)\s]*)?\)`)
	mds, _ := filepath.Glob("docs/*.md")
	for _, f := range append([]string{"README.md"}, mds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), target)); err != nil {
				t.Errorf("%s links to %s: %v", f, target, err)
			}
		}
	}
}

// TestReadmeInstallsFromAClone holds the README to an install path that
// works without a published module.
func TestReadmeInstallsFromAClone(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, "`go install ./cmd/ias`") {
		t.Error("README does not say `go install ./cmd/ias`")
	}
	if strings.Contains(s, "@latest") {
		t.Error("README installs a module version that is not published")
	}
	for _, d := range []string{"docs/apis.md", "docs/undocumented.md"} {
		if !strings.Contains(s, "("+d+")") {
			t.Errorf("README does not link %s", d)
		}
	}
}
