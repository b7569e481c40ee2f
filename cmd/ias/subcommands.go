package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// requireSubcommands makes every command group below root (ias users, ias
// groups members, ...) refuse to run on its own: cobra would print the
// group's help on stdout and exit 0, so that a script with a typo (ias
// users lst) would be told it succeeded. A bare group or an unknown
// subcommand is a usage error (exit 2) with a "did you mean" suggestion.
// Groups added later (by other files) are covered as long as they are in
// the tree when this runs.
func requireSubcommands(root *cobra.Command) {
	for _, c := range root.Commands() {
		requireSubcommands(c)
		if c.HasSubCommands() && !c.Runnable() {
			c.Args = cobra.ArbitraryArgs
			c.RunE = unknownSubcommand
		}
	}
}

// strictHelp makes ias help TOPIC fail (exit 2) for a topic that is no
// command: cobra would print the help of the nearest command and exit 0.
func strictHelp(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, help := range root.Commands() {
		if help.Name() != "help" || help.Run == nil {
			continue
		}
		show := help.Run
		help.Run = nil
		help.RunE = func(cmd *cobra.Command, args []string) error {
			if target, rest, err := root.Find(args); err == nil && len(rest) > 0 && target.HasAvailableSubCommands() {
				return unknownSubcommand(target, rest)
			}
			show(cmd, args)
			return nil
		}
	}
}

// unknownSubcommand is the RunE of a command group: it only ever fails.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	if len(args) == 0 {
		return usagef("missing subcommand for %q: want one of %s (see %s --help)", cmd.CommandPath(), strings.Join(names, ", "), cmd.CommandPath())
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default, which it sets on the root only
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := closest(args[0], cmd.SuggestionsFor(args[0])); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; want one of " + strings.Join(names, ", ")
	}
	return usagef("%s (see %s --help)", msg, cmd.CommandPath())
}

// closest returns the candidate nearest to typed (cobra's suggestions come
// in the order of the commands, not of their distance).
func closest(typed string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(typed), strings.ToLower(c)); bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
