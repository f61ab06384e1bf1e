package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/pkg/report"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module version (go install) or is "dev".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "ifacelint",
		Short: "Lint an interface inventory against security policies",
		Long: `ifacelint keeps an organisation's interface inventory honest: every API, webhook,
queue, portal, CLI, network entry point, file transfer and support hand-off is a YAML
document, checked against Rego policies mapped to ISO/IEC 27001 Annex A.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildVersion(),
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.AddCommand(
		newLintCmd(),
		newValidateCmd(),
		newReportCmd(),
		newGraphCmd(),
		newRulesCmd(),
		newExplainCmd(),
		newTestCmd(),
		newInitCmd(),
		newSchemaCmd(),
		newVersionCmd(),
	)
	return root
}

// sanitizeErr keeps control characters from file names or policy text out
// of the terminal.
func sanitizeErr(err error) string {
	lines := strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = report.Terminal(l)
	}
	return strings.Join(lines, "\n")
}
