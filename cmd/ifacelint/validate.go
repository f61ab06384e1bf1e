package main

import (
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/app"
)

func newValidateCmd() *cobra.Command {
	var req app.Request
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check inventory documents against the schema only",
		Long: `validate checks every inventory document against the embedded JSON Schema
(see 'ifacelint schema') and reports each offending node as a schema/invalid finding
with its file, line and column. No policy is evaluated.

Exit codes: 0 valid, 1 schema findings, 2 could not run (no documents found, bad flag,
unreadable config).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return session(cmd, &req, args).Validate(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&req.Config, "config", "", configUsage)
	outputFlags(cmd, &req)
	cacheFlags(cmd, &req)
	return cmd
}
