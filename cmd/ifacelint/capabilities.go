package main

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/policy"
)

func newCapabilitiesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "capabilities",
		Short: "Print the OPA capabilities of this build, for opa check and Regal",
		Long: `capabilities prints, as OPA capabilities JSON, what a policy may call in this build
of ifacelint: the OPA built-ins its sandbox keeps and the ifacelint.* functions it adds.
Give it to OPA's tools so they check custom policies against the same sandbox:

    ifacelint capabilities > capabilities.json
    opa check --strict --capabilities capabilities.json policies/custom

A call to a built-in the sandbox removes (http.send, rand.intn …) is then an error
there too, and the ifacelint.* functions are known.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			return enc.Encode(policy.Capabilities())
		},
	}
}
