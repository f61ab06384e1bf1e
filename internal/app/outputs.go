package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// output is one destination of a run's report.
type output struct {
	format string
	file   string           // "" is standard output
	target *safefile.Target // the checked file (checkOutputs)
}

// findingOutputs resolves lint's and validate's --format FORMAT[=FILE],
// --output, --color and --sarif-category.
func findingOutputs(req Request) ([]output, error) {
	var outs []output
	toStdout := 0
	for _, spec := range req.Formats {
		name, file, hasFile := strings.Cut(spec, "=")
		if _, err := format.Get(name, format.Options{}); err != nil {
			return nil, err
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: missing file name after =", spec)
		}
		if !hasFile {
			file = req.Output
			toStdout++
		}
		outs = append(outs, output{format: name, file: file})
	}
	if toStdout == 0 {
		// Every format went to a file: people still see text.
		outs = append(outs, output{format: "text", file: req.Output})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can go to standard output or --output; give the others a file (FORMAT=FILE)")
	}
	switch req.Color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("--color %q: want auto, always or never", req.Color)
	}
	if strings.Trim(req.SARIFCategory, "/") == "" {
		return nil, fmt.Errorf("--sarif-category %q: want a name such as %s or ifacelint/api", req.SARIFCategory, format.DefaultSARIFCategory)
	}
	return outs, nil
}

// evidenceOutputs resolves report's and graph's repeatable --format
// FORMAT[=FILE] and --output, like lint's: at most one format goes to
// standard output (or --output).
func evidenceOutputs(formats []string, stdout string, known []string) ([]output, error) {
	var outs []output
	toStdout := 0
	for _, spec := range formats {
		name, file, hasFile := strings.Cut(spec, "=")
		if !slices.Contains(known, name) {
			return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(known, ", "))
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: missing file name after =", spec)
		}
		if !hasFile {
			file = stdout
			toStdout++
		}
		outs = append(outs, output{format: name, file: file})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can go to standard output or --output; give the others a file (FORMAT=FILE)")
	}
	return outs, nil
}

func (s *Session) colorFor(w io.Writer) bool {
	return colorWanted(s.req.NoColor, s.req.Color, os.Getenv("NO_COLOR"), func() bool { return isTerminal(w) })
}

// colorWanted decides colour: --no-color and --color=never turn it off,
// --color=always on; otherwise a NO_COLOR environment variable with a
// non-empty value turns it off (no-color.org: an empty one does not), and it
// is on only on a terminal.
func colorWanted(noColorFlag bool, color, noColorEnv string, terminal func() bool) bool {
	if noColorFlag || color == "never" {
		return false
	}
	if color == "always" {
		return true
	}
	if noColorEnv != "" {
		return false
	}
	return terminal()
}

// isTerminal reports whether w, or the file behind the writers that wrap
// it (textsafe.CommandGuard), is a terminal.
func isTerminal(w io.Writer) bool {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// writeReport renders the report to every destination. When a SARIF
// output leaves results out (format.SARIFMaxResults), a line on standard
// error says so: the json and text outputs of the run list every finding.
func (s *Session) writeReport(outs []output, rep *format.Report) error {
	var sibs []format.Sibling
	for _, out := range outs {
		sibs = append(sibs, format.Sibling{Format: out.format, File: out.file})
	}
	opts := func(w io.Writer) format.Options {
		return format.Options{Color: s.colorFor(w), Quiet: s.req.Quiet, SARIFSuppressed: s.req.SARIFSuppressed, SARIFCategory: s.req.SARIFCategory, Siblings: sibs}
	}
	if err := writeOutputs(s.stdout, outs, func(w io.Writer, name string) error {
		r, _ := format.Get(name, opts(w))
		return r.Write(w, rep)
	}); err != nil {
		return err
	}
	for _, out := range outs {
		if out.format != "sarif" {
			continue
		}
		r, _ := format.Get("sarif", opts(nil))
		if n := r.(format.SARIF).Omitted(rep); n > 0 {
			where := "standard output"
			if out.file != "" {
				where = textsafe.Terminal(out.file)
			}
			fmt.Fprintf(s.stderr, "ifacelint: %s: SARIF left out %d findings, the least severe (a code-scanning run holds at most %d results)\n",
				where, n, format.SARIFMaxResults)
		}
	}
	return nil
}

// checkOutputs checks every file among outs before the run writes any (see
// outputGuard) and keeps the checked targets in outs.
func (s *Session) checkOutputs(outs []output, extraInputs map[string]string) error {
	var files []string
	var idx []int
	for i, out := range outs {
		if out.file != "" {
			files = append(files, out.file)
			idx = append(idx, i)
		}
	}
	if len(files) == 0 {
		return nil
	}
	g, err := s.outputGuard(files, extraInputs)
	if err != nil {
		return err
	}
	targets, err := g.Check(files...)
	if err != nil {
		return err
	}
	for j, i := range idx {
		outs[i].target = targets[j]
	}
	return nil
}

// writeOutputs renders to every destination: standard output directly,
// files to temporary files that replace their targets only once every
// output rendered, so a failure leaves every previous file whole.
func writeOutputs(stdout io.Writer, outs []output, render func(w io.Writer, format string) error) (err error) {
	var pending []*safefile.File
	defer func() {
		if err != nil {
			for _, f := range pending {
				f.Abort()
			}
		}
	}()
	for _, out := range outs {
		if out.target == nil {
			if err := render(stdout, out.format); err != nil {
				return fmt.Errorf("write %s output: %w", out.format, err)
			}
			continue
		}
		f, err := out.target.Create()
		if err != nil {
			return fmt.Errorf("%s output: %w", out.format, err)
		}
		pending = append(pending, f)
		if err := render(f, out.format); err != nil {
			return fmt.Errorf("write %s output %s: %w", out.format, out.file, err)
		}
	}
	return safefile.CommitAll(pending)
}

// repoGuard is a guard rooted at the repository holding the working
// directory: no symlink, no symlinked directory inside it.
func repoGuard() *safefile.Guard {
	g := &safefile.Guard{}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil {
			g.Root = repoRoot(wd)
		}
	}
	return g
}

// outputGuard knows what an output file may not be: any input of the run —
// the config, a waiver file, a custom policy, an inventory file (extraInputs adds others,
// such as the baseline read, by path and description) — nor a symlink or
// below a symlinked directory inside the repository.
func (s *Session) outputGuard(targets []string, extraInputs map[string]string) (*safefile.Guard, error) {
	g := repoGuard()
	if s.config != nil {
		g.AddInput("the config", s.config.File)
	}
	for path, what := range extraInputs {
		g.AddInput(what, path)
	}
	if s.lint.WaiverFiles != nil {
		for _, p := range s.lint.WaiverFiles.Paths {
			g.AddInput("the waiver file "+p, p)
		}
	}
	for _, dir := range s.policyDirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && strings.HasSuffix(path, ".rego") {
				g.AddInput("the policy "+path, path)
			}
			return nil
		})
	}
	// Inventory files: only those whose name matches a target's need a
	// stat (the walk itself does not stat); a file of another name can be
	// the same file only as a hard link, which a repository cannot hold.
	bases := map[string]bool{}
	for _, t := range targets {
		bases[filepath.Base(t)] = true
	}
	quiet := s.lint.Walk
	quiet.Notice = nil
	for _, roots := range [][]string{s.lint.Inventory, s.lint.Targets} {
		files, err := inventory.Walk(roots, quiet)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if bases[filepath.Base(f)] {
				g.AddInput("the inventory file "+f, f)
			}
		}
	}
	return g, nil
}

// repoRoot is the nearest directory at or above dir holding .git, or dir.
func repoRoot(dir string) string {
	root, _ := vcs.RepoRoot(dir)
	return root
}
