package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/format"
)

func newRulesCmd() *cobra.Command {
	var (
		name       string
		configFlag string
		pol        policyFlags
	)
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue",
		Long: `rules lists every rule: id, severity, title and ISO/IEC 27001:2022 Annex A controls.
-f json prints the catalogue for other tools; -f markdown prints the rule reference
(docs/rules.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := loadCatalogue(cmd, configFlag, &pol)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch name {
			case "text":
				return format.RulesTable(w, p.catalogue)
			case "json":
				return format.RulesJSON(w, p.catalogue)
			case "markdown":
				return format.RulesMarkdown(w, p.catalogue)
			}
			return fmt.Errorf("unknown format %q (want text, json or markdown)", name)
		},
	}
	cmd.Flags().StringVarP(&name, "format", "f", "text", "output format: text, json or markdown")
	cmd.Flags().StringVar(&configFlag, "config", "", "config file (default: .ifacelint.yaml looked up from the working directory)")
	pol.register(cmd)
	return cmd
}

func newExplainCmd() *cobra.Command {
	var (
		configFlag string
		pol        policyFlags
	)
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain one rule: why, trigger, parameters, controls, remediation, examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := loadCatalogue(cmd, configFlag, &pol)
			if err != nil {
				return err
			}
			rule := p.catalogue.Get(args[0])
			if rule == nil {
				return fmt.Errorf("unknown rule %q (see `ifacelint rules`)%s", args[0], p.catalogue.DidYouMean(args[0]))
			}
			var inForce map[string]any
			if p.config != nil {
				inForce = p.config.Rules[rule.ID].Params
			}
			return format.Explain(cmd.OutOrStdout(), rule, inForce)
		},
	}
	cmd.Flags().StringVar(&configFlag, "config", "", "config file whose parameters to show (default: .ifacelint.yaml looked up from the working directory)")
	pol.register(cmd)
	return cmd
}
