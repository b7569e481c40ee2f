package main

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	r := cli{t: t}.run("--version")
	expect(t, r, 0)
	if r.stdout != "ias "+readBuildInfo().String()+"\n" || !strings.HasSuffix(r.stdout, runtime.Version()+"\n") {
		t.Errorf("--version: %q", r.stdout)
	}
	r = cli{t: t}.run("version")
	expect(t, r, 0)
	var info buildInfo
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil || info.Version == "" || info.Go != runtime.Version() {
		t.Errorf("version: %v %q", err, r.stdout)
	}
	if s := (buildInfo{Version: "v1.2.3", Commit: "0123456789abcdef", Modified: true, Go: "go1.26"}).String(); s != "v1.2.3 (commit 0123456789ab, modified) go1.26" {
		t.Errorf("String: %q", s)
	}
}

func TestCompletion(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash": "__start_ias", "zsh": "#compdef ias", "fish": "complete -c ias", "powershell": "Register-ArgumentCompleter",
	} {
		r := cli{t: t}.run("completion", shell)
		expect(t, r, 0)
		if !strings.Contains(r.stdout, marker) {
			t.Errorf("completion %s lacks %q", shell, marker)
		}
	}
	r := cli{t: t}.run("completion", "ksh")
	expect(t, r, exitUsage)
	// The scripts call back into ias for the words.
	r = cli{t: t}.run("__complete", "users", "l")
	expect(t, r, 0)
	if !strings.HasPrefix(r.stdout, "list\t") {
		t.Errorf("__complete users l: %q", r.stdout)
	}
	r = cli{t: t}.run("__complete", "users", "list", "-o", "")
	expect(t, r, 0)
	if !strings.HasPrefix(r.stdout, "json\ntable\n") {
		t.Errorf("__complete -o: %q", r.stdout)
	}
	r = cli{t: t}.run("__complete", "users", "list", "--auth", "")
	expect(t, r, 0)
	if !strings.HasPrefix(r.stdout, "auto\nbasic\noauth\n") {
		t.Errorf("__complete --auth: %q", r.stdout)
	}
	cfg := writeFile(t, "config.json", `{"profiles": {"dev": {"tenant": "https://dev.accounts.ondemand.com", "clientId": "c", "clientSecretEnv": "S"},
		"prod": {"tenant": "https://prod.accounts.ondemand.com", "clientId": "c", "clientSecretEnv": "S"}}}`)
	r = cli{t: t, env: map[string]string{"IAS_CONFIG": cfg}}.run("__complete", "--profile", "")
	expect(t, r, 0)
	if !strings.HasPrefix(r.stdout, "dev\nprod\n") {
		t.Errorf("__complete --profile: %q", r.stdout)
	}
	r = cli{t: t}.run("__complete", "completion", "")
	expect(t, r, 0)
	if !strings.Contains(r.stdout, "powershell") {
		t.Errorf("__complete completion: %q", r.stdout)
	}
}
