package main

import (
	"context"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildInfo is what ias version prints: where the binary came from.
type buildInfo struct {
	Version    string `json:"version"`
	Commit     string `json:"commit,omitempty"`
	CommitTime string `json:"commitTime,omitempty"`
	Modified   bool   `json:"modified,omitempty"`
	Go         string `json:"go"`
}

// readBuildInfo reads the module version and the VCS commit the Go
// toolchain stamped into the binary (go install, go build in a clone).
func readBuildInfo() buildInfo {
	info := buildInfo{Version: "(unknown)", Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	if bi.Main.Version != "" {
		info.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			info.CommitTime = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String is the one line of ias --version.
func (b buildInfo) String() string {
	s := b.Version
	if b.Commit != "" {
		s += " (commit " + b.Commit[:min(12, len(b.Commit))]
		if b.Modified {
			s += ", modified"
		}
		s += ")"
	}
	return s + " " + b.Go
}

// versionCmd builds its command.
func (a *app) versionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version and commit of this binary (JSON; ias --version prints one line)",
		Args:  cobra.NoArgs,
	}
	cmd.RunE = a.runE(func(ctx context.Context, cmd *cobra.Command, _ []string) error {
		p, err := a.printer(ctx, nil)
		if err != nil {
			return err
		}
		return printDoc(p, readBuildInfo())
	})
	return cmd
}

// completionCmd builds its command: cobra's completion scripts, which
// call back into ias (the hidden __complete command) for commands, flags
// and their values.
func (a *app) completionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or PowerShell",
		Long: `Print the shell completion script. Load it in the current shell, or install
it where your shell looks for completions:
  source <(ias completion bash)
  ias completion zsh > "${fpath[1]}/_ias"
  ias completion fish > ~/.config/fish/completions/ias.fish
  ias completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  exactArgs("SHELL"),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return usagef("completion %q: want bash, zsh, fish or powershell", args[0])
		},
	}
}

// versionTemplate is the output of ias --version.
const versionTemplate = "ias {{.Version}}\n"
