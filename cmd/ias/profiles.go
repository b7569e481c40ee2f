package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// configFile is the CLI's configuration file: named profiles, one per
// tenant and credential (dev, test, prod). It never holds a secret: a
// profile names a file or an environment variable that holds it.
type configFile struct {
	// Default is the profile used when neither --profile nor IAS_PROFILE
	// names one and the environment sets no tenant.
	Default  string              `json:"default,omitempty"`
	Profiles map[string]*profile `json:"profiles"`
}

// profile is the configuration of one tenant and credential; the fields
// stand for the IAS_* environment variables of the same meaning.
type profile struct {
	Tenant           string `json:"tenant"`
	ClientID         string `json:"clientId,omitempty"`
	ClientSecretFile string `json:"clientSecretFile,omitempty"`
	ClientSecretEnv  string `json:"clientSecretEnv,omitempty"`
	// ClientSecretCommand prints the secret (argv, run without a shell),
	// for a keychain or password manager: ["secret-tool", "lookup", ...].
	ClientSecretCommand []string `json:"clientSecretCommand,omitempty"`
	ClientCert          string   `json:"clientCert,omitempty"`
	ClientKey           string   `json:"clientKey,omitempty"`
	CACert              string   `json:"caCert,omitempty"`
	Auth                string   `json:"auth,omitempty"`
}

// profileEnv are the environment variables a profile replaces: setting
// one of them next to an explicitly chosen profile is refused, since it is
// not clear which should win.
var profileEnv = []string{"IAS_TENANT_URL", "IAS_CLIENT_ID", "IAS_CLIENT_SECRET", "IAS_CLIENT_SECRET_FILE",
	"IAS_CLIENT_CERT", "IAS_CLIENT_KEY", "IAS_CA_CERT"}

// maxConfigSize bounds what is read of the configuration file.
const maxConfigSize = 1 << 20

// configPath is IAS_CONFIG, else ias/config.json in the user's
// configuration directory (for example ~/.config/ias/config.json).
func (a *app) configPath() (string, error) {
	if p := a.env("IAS_CONFIG"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", usagef("no configuration directory (%v); set IAS_CONFIG to the file", err)
	}
	return filepath.Join(dir, "ias", "config.json"), nil
}

// loadConfig reads the configuration file; a missing file is an empty
// configuration.
func (a *app) loadConfig() (*configFile, string, error) {
	path, err := a.configPath()
	if err != nil {
		return nil, "", err
	}
	cfg := &configFile{Profiles: map[string]*profile{}}
	b, err := readFileLimit(path, maxConfigSize, "config file "+path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return cfg, path, nil
	case errors.Is(err, errTooLarge):
		return nil, path, usagef("%v", err)
	case err != nil:
		return nil, path, usagef("config file: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		if strings.Contains(err.Error(), `"clientSecret"`) || strings.Contains(err.Error(), `"password"`) {
			return nil, path, usagef("config file %s: secrets are never kept in it; name a file (clientSecretFile) or an environment variable (clientSecretEnv) instead", path)
		}
		return nil, path, usagef("config file %s: %v", path, err)
	}
	if cfg.Profiles == nil {
		cfg.Profiles = map[string]*profile{}
	}
	for name, p := range cfg.Profiles {
		if err := p.check(); err != nil {
			return nil, path, usagef("config file %s: profile %q: %v", path, name, err)
		}
	}
	if cfg.Default != "" && cfg.Profiles[cfg.Default] == nil {
		return nil, path, usagef("config file %s: the default profile %q does not exist", path, cfg.Default)
	}
	return cfg, path, nil
}

// check refuses a profile that cannot work.
func (p *profile) check() error {
	switch {
	case p == nil:
		return errors.New("empty")
	case p.Tenant == "":
		return errors.New("no tenant")
	case countSet(p.ClientSecretFile != "", p.ClientSecretEnv != "", len(p.ClientSecretCommand) > 0) > 1:
		return errors.New("give only one of clientSecretFile, clientSecretEnv and clientSecretCommand")
	case p.ClientSecretFile == "" && p.ClientSecretEnv == "" && len(p.ClientSecretCommand) == 0 && p.ClientCert == "":
		return errors.New("no credential: give clientSecretFile, clientSecretEnv, clientSecretCommand, or clientCert and clientKey")
	case len(p.ClientSecretCommand) > 0 && p.ClientSecretCommand[0] == "":
		return errors.New("clientSecretCommand: empty program name")
	case (p.ClientCert == "") != (p.ClientKey == ""):
		return errors.New("give both clientCert and clientKey")
	case strings.Contains(p.ClientCert+p.ClientKey, "-----BEGIN"):
		return errors.New("clientCert and clientKey are file names (a key is a secret: it does not go into the file)")
	}
	switch p.Auth {
	case "", "auto", "basic", "oauth":
	default:
		return fmt.Errorf("auth %q: want auto, basic or oauth", p.Auth)
	}
	return nil
}

// countSet counts the true values.
func countSet(v ...bool) int {
	n := 0
	for _, b := range v {
		if b {
			n++
		}
	}
	return n
}

// selectProfile picks the profile of this run (--profile, IAS_PROFILE, or
// the file's default when the environment names no tenant) and, if there
// is one, makes a.env answer the IAS_* variables from it.
func (a *app) selectProfile() error {
	name, explicit := a.profile, a.profile != ""
	if a.sandbox && !explicit {
		return nil // --sandbox wins over an IAS_PROFILE of the shell
	}
	if name == "" {
		name = a.env("IAS_PROFILE")
		explicit = name != ""
	}
	if !explicit && (a.sandbox || a.tenant != "" || a.env("IAS_TENANT_URL") != "") {
		return nil
	}
	cfg, path, err := a.loadConfig()
	if err != nil {
		if !explicit && path == "" {
			return nil // no profile asked for, and no configuration directory
		}
		// Nothing else names a tenant: the file's default would, were
		// it readable; "no tenant" would hide why it is not.
		return err
	}
	if name == "" {
		name = cfg.Default
	}
	if name == "" {
		return nil
	}
	p := cfg.Profiles[name]
	if p == nil {
		return usagef("no profile %q in %s (see ias config list)", name, path)
	}
	if explicit {
		switch {
		case a.sandbox:
			return usagef("--sandbox and a profile (%s) exclude each other", name)
		case a.tenant != "" || a.clientID != "":
			return usagef("profile %s gives the tenant and client: drop --tenant and --client-id, or the profile", name)
		}
		for _, k := range profileEnv {
			if a.env(k) != "" {
				return usagef("profile %s is selected, but %s is set too: unset it, or drop the profile", name, k)
			}
		}
	}
	a.activeProfile = name
	a.secretCommand = p.ClientSecretCommand
	a.secretEnv = p.ClientSecretEnv
	env := a.env
	a.env = func(k string) string {
		switch k {
		case "IAS_TENANT_URL":
			return p.Tenant
		case "IAS_CLIENT_ID":
			return p.ClientID
		case "IAS_CLIENT_SECRET":
			if p.ClientSecretEnv != "" {
				return env(p.ClientSecretEnv)
			}
			return ""
		case "IAS_CLIENT_SECRET_FILE":
			return expandHome(p.ClientSecretFile)
		case "IAS_CLIENT_CERT":
			return expandHome(p.ClientCert)
		case "IAS_CLIENT_KEY":
			return expandHome(p.ClientKey)
		case "IAS_CA_CERT":
			return expandHome(p.CACert)
		case "IAS_AUTH":
			return firstNonEmpty(env("IAS_AUTH"), p.Auth)
		}
		return env(k)
	}
	return nil
}

// expandHome replaces a leading ~/ with the user's home directory.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// profileInfo is a profile as ias config list and show print it: where
// each secret comes from, never the secret.
type profileInfo struct {
	Name       string `json:"name"`
	Tenant     string `json:"tenant"`
	ClientID   string `json:"clientId,omitempty"`
	Credential string `json:"credential"`
	// Ready tells whether the secret's file or variable is there.
	Ready   bool `json:"ready"`
	Default bool `json:"default"`
	*profile
}

// info describes profile name of cfg.
func (a *app) info(cfg *configFile, name string) profileInfo {
	p := cfg.Profiles[name]
	in := profileInfo{Name: name, Tenant: p.Tenant, ClientID: p.ClientID, Default: cfg.Default == name, profile: p}
	switch {
	case p.ClientCert != "":
		in.Credential = "client certificate " + p.ClientCert
		_, err1 := os.Stat(expandHome(p.ClientCert))
		_, err2 := os.Stat(expandHome(p.ClientKey))
		in.Ready = err1 == nil && err2 == nil
	case p.ClientSecretFile != "":
		in.Credential = "secret in file " + p.ClientSecretFile
		_, err := os.Stat(expandHome(p.ClientSecretFile))
		in.Ready = err == nil
	case len(p.ClientSecretCommand) > 0:
		in.Credential = "secret printed by " + strings.Join(p.ClientSecretCommand, " ")
		_, err := exec.LookPath(p.ClientSecretCommand[0])
		in.Ready = err == nil
	default:
		in.Credential = "secret in $" + p.ClientSecretEnv
		in.Ready = a.env(p.ClientSecretEnv) != ""
	}
	return in
}

// profileNames returns the profile names, sorted.
func (cfg *configFile) profileNames() []string {
	names := make([]string, 0, len(cfg.Profiles))
	for n := range cfg.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
