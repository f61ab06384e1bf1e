package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newRulesCmd() *cobra.Command {
	var (
		name string
		req  app.Request
	)
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue",
		Long: `rules lists every rule: id, severity, title and ISO/IEC 27001:2022 Annex A controls.
-f json prints the catalogue for other tools; -f markdown prints the rule reference
(docs/rules.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return session(cmd, &req, nil).Rules(cmd.Context(), name)
		},
	}
	cmd.Flags().StringVarP(&name, "format", "f", "text", "output format: text, json or markdown")
	cmd.Flags().StringVar(&req.Config, "config", "", configUsage)
	policyFlags(cmd, &req)
	return cmd
}

func newExplainCmd() *cobra.Command {
	var req app.Request
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain one rule: why, trigger, parameters, controls, remediation, examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return session(cmd, &req, nil).Explain(cmd.Context(), args[0])
		},
	}
	cmd.Flags().StringVar(&req.Config, "config", "", "config file whose parameters to show (default: .ifacelint.yaml looked up from the working directory)")
	policyFlags(cmd, &req)
	return cmd
}
