package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/vcs"
)

// registerCompletions gives shell completion what it cannot guess from the
// flags' types: formats, severities, --color, rule ids (built-in ones:
// custom rules depend on the config, which completion does not load) and
// the git refs --base may name.
// Flags that name files keep file completion.
func registerCompletions(root *cobra.Command) {
	formats := map[string][]string{
		"lint": format.Formats(), "validate": format.Formats(),
		"report": app.ReportFormats, "graph": app.GraphFormats, "rules": {"text", "json", "markdown"},
	}
	words := func(list ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return list, cobra.ShellCompDirectiveNoFileComp
		}
	}
	for _, cmd := range root.Commands() {
		f := cmd.Flags()
		if list, ok := formats[cmd.Name()]; ok && f.Lookup("format") != nil {
			_ = cmd.RegisterFlagCompletionFunc("format", words(list...))
		}
		if f.Lookup("fail-on") != nil {
			_ = cmd.RegisterFlagCompletionFunc("fail-on", words("error", "warning", "info", "never"))
		}
		if f.Lookup("framework") != nil {
			_ = cmd.RegisterFlagCompletionFunc("framework", words(frameworks.Keys...))
		}
		if f.Lookup("color") != nil {
			_ = cmd.RegisterFlagCompletionFunc("color", words("auto", "always", "never"))
		}
		if f.Lookup("base") != nil {
			_ = cmd.RegisterFlagCompletionFunc("base", func(c *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
				return vcs.Refs(c.Context(), ".", prefix, 200), cobra.ShellCompDirectiveNoFileComp
			})
		}
		for _, name := range []string{"enable", "disable"} {
			if f.Lookup(name) != nil {
				_ = cmd.RegisterFlagCompletionFunc(name, completeRuleIDs)
			}
		}
		if cmd.Name() == "explain" {
			cmd.ValidArgsFunction = func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return completeRuleIDs(c, args, prefix)
			}
		}
	}
}

// completeRuleIDs lists the built-in rule ids that start with prefix.
func completeRuleIDs(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, id := range set.Catalogue.IDs() {
		if strings.HasPrefix(id, prefix) {
			out = append(out, id)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
