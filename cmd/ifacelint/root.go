package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module version (go install module@version), or from the
// commit the binary was built from, or is v0.0.0-dev: always a semantic
// version, which SARIF consumers and reports expect.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "v0.0.0-dev"
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	v, dirty := "v0.0.0-dev", false
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			v += "." + s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = true
		}
	}
	if dirty {
		v += "-dirty"
	}
	return v
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
		return &usageError{err: err, hint: fmt.Sprintf("Run '%s --help' for usage.", c.CommandPath())}
	})
	root.AddCommand(
		newLintCmd(),
		newValidateCmd(),
		newReportCmd(),
		newGraphCmd(),
		newImportCmd(),
		newRulesCmd(),
		newExplainCmd(),
		newTestCmd(),
		newInitCmd(),
		newSchemaCmd(),
		newCapabilitiesCmd(),
		newVersionCmd(),
	)
	registerCompletions(root)
	return root
}

// usageError is a command-line error and, on its own line, where to read
// the usage.
type usageError struct {
	err  error
	hint string
}

func (e *usageError) Error() string   { return e.err.Error() + "\n" + e.hint }
func (e *usageError) Unwrap() error   { return e.err }
func (e *usageError) Lines() []string { return []string{e.err.Error(), e.hint} }

// sanitizeErr renders an error for stderr: credentials redacted, and no
// control character, line break or invalid UTF-8 from a file name, the
// inventory or policy text reaching the terminal or CI log raw (a forged
// line could be a workflow command). The error is one line, except for the
// errors that are lists (a Lines method: the usage hint, policy parse and
// compile errors), one line each, each escaped.
func sanitizeErr(err error) string {
	lines := errLines(err)
	for i, l := range lines {
		lines[i] = textsafe.Terminal(l)
	}
	return strings.Join(lines, "\n")
}

func errLines(err error) []string {
	var list interface{ Lines() []string }
	if errors.As(err, &list) && list.(error).Error() == err.Error() {
		return list.Lines()
	}
	msg := strings.TrimRight(err.Error(), "\n")
	if strings.HasPrefix(msg, "unknown command ") {
		return suggestionLines(msg)
	}
	return []string{msg}
}

// suggestionLines lays out cobra's "unknown command" error, whose
// suggestions come as tab-indented lines ("Did you mean this?\n\tlint"),
// as lines of their own, indented with spaces, so that escaping does not
// print them as a literal \n\t.
func suggestionLines(msg string) []string {
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		if l == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "\t"); ok {
			l = "  " + rest
		}
		lines = append(lines, l)
	}
	return lines
}
