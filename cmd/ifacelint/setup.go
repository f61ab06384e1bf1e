package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// outputFlags are shared by every command that prints findings.
type outputFlags struct {
	formats []string
	output  string
	color   string
	noColor bool
	quiet   bool
	// sarifCategory is SARIF's automationDetails.id; sarifSuppressed
	// (lint only) keeps waived and baselined findings in SARIF.
	sarifCategory   string
	sarifSuppressed bool
}

func (o *outputFlags) register(cmd *cobra.Command, formats string) {
	f := cmd.Flags()
	f.StringArrayVarP(&o.formats, "format", "f", []string{"text"},
		"output format: "+formats+"; FORMAT=FILE writes that format to FILE (repeatable; text still goes to standard output when every format names a file)")
	f.StringVarP(&o.output, "output", "o", "", "write the output to FILE instead of standard output")
	f.StringVar(&o.color, "color", "auto", "colour: auto (only on a terminal, never with NO_COLOR), always or never")
	f.BoolVar(&o.noColor, "no-color", false, "same as --color never")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "text output: the findings alone, without the summary line (a clean run prints nothing)")
	f.StringVar(&o.sarifCategory, "sarif-category", format.DefaultSARIFCategory,
		"SARIF automationDetails.id, to tell apart several runs uploaded for one commit (a / is added at the end when missing)")
}

// registerSuppressed adds --sarif-suppressed, for commands whose findings
// can be waived or baselined.
func (o *outputFlags) registerSuppressed(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.sarifSuppressed, "sarif-suppressed", false,
		"keep waived and baselined findings in SARIF output, as suppressed results (left out by default)")
}

// output is one destination of a run's report.
type output struct {
	format string
	file   string           // "" is standard output
	target *safefile.Target // the checked file (checkOutputs)
}

func (o *outputFlags) outputs() ([]output, error) {
	var outs []output
	toStdout := 0
	for _, spec := range o.formats {
		name, file, hasFile := strings.Cut(spec, "=")
		if _, err := format.Get(name, format.Options{}); err != nil {
			return nil, err
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: missing file name after =", spec)
		}
		if !hasFile {
			file = o.output
			toStdout++
		}
		outs = append(outs, output{format: name, file: file})
	}
	if toStdout == 0 {
		// Every format went to a file: people still see text.
		outs = append(outs, output{format: "text", file: o.output})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can go to standard output or --output; give the others a file (FORMAT=FILE)")
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("--color %q: want auto, always or never", o.color)
	}
	if strings.Trim(o.sarifCategory, "/") == "" {
		return nil, fmt.Errorf("--sarif-category %q: want a name such as %s or ifacelint/api", o.sarifCategory, format.DefaultSARIFCategory)
	}
	return outs, nil
}

func (o *outputFlags) colorFor(w io.Writer) bool {
	if o.noColor || o.color == "never" {
		return false
	}
	if o.color == "always" {
		return true
	}
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}

// isTerminal reports whether w, or the file behind the writers that wrap
// it (format.CommandGuard), is a terminal.
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

// write renders the report to every destination. When a SARIF output
// leaves results out (format.SARIFMaxResults), a line on standard error
// says so: the text output of the same run lists every finding.
func (o *outputFlags) write(cmd *cobra.Command, outs []output, rep *format.Report) error {
	opts := func(w io.Writer) format.Options {
		return format.Options{Color: o.colorFor(w), Quiet: o.quiet, SARIFSuppressed: o.sarifSuppressed, SARIFCategory: o.sarifCategory}
	}
	if err := writeOutputs(cmd, outs, func(w io.Writer, name string) error {
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
				where = format.Terminal(out.file)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "ifacelint: %s: SARIF left out %d findings, the least severe (a code-scanning run holds at most %d results)\n",
				where, n, format.SARIFMaxResults)
		}
	}
	return nil
}

// checkOutputs checks every file among outs before the run writes any (see
// outputGuard) and keeps the checked targets in outs.
func (p *project) checkOutputs(outs []output, extraInputs map[string]string) error {
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
	g, err := p.outputGuard(files, extraInputs)
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
func writeOutputs(cmd *cobra.Command, outs []output, render func(w io.Writer, format string) error) (err error) {
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
			if err := render(cmd.OutOrStdout(), out.format); err != nil {
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

// outputGuard knows what an output file may not be: any input of the run —
// the config, a custom policy, an inventory file (extraInputs adds others,
// such as the baseline read, by path and description) — nor a symlink or
// below a symlinked directory inside the repository.
func (p *project) outputGuard(targets []string, extraInputs map[string]string) (*safefile.Guard, error) {
	g := &safefile.Guard{}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil {
			g.Root = repoRoot(wd)
		}
	}
	if p.config != nil {
		g.AddInput("the config", p.config.File)
	}
	for path, what := range extraInputs {
		g.AddInput(what, path)
	}
	for _, dir := range p.policyDirs {
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
	quiet := p.lint.Walk
	quiet.Notice = nil
	for _, roots := range [][]string{p.lint.Inventory, p.lint.Targets} {
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

// project is what every inventory command resolves before running: the
// config, the policies and their catalogue, and which files to load and
// report on.
type project struct {
	config     *config.Config // nil without a config file
	policyDirs []string       // the custom policy directories (and files) read
	policies   *policy.Set
	catalogue  *policy.Catalogue
	lint       lint.Options
	// accepted is what the rule resolution accepts (configureRules).
	accepted risk.Statement
}

// policyFlags choose the policies of a run.
type policyFlags struct {
	dirs      []string
	noBuiltin bool
}

func (f *policyFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.dirs, "policy", nil, "directory of custom Rego policies (repeatable; adds to the config's policies:)")
	cmd.Flags().BoolVar(&f.noBuiltin, "no-builtin", false, "run only the custom policies (schema validation still applies)")
}

// loadCatalogue finds the config (or takes --config), loads the built-in and
// custom policies once, and checks the config's rule settings against the
// resulting catalogue.
func loadCatalogue(cmd *cobra.Command, configFlag string, pf *policyFlags) (*project, error) {
	p, err := loadConfig(cmd, configFlag)
	if err != nil {
		return nil, err
	}
	if err := p.loadPolicies(cmd, pf); err != nil {
		return nil, err
	}
	return p, nil
}

// loadConfig reads the config named by --config, else the one found from
// the working directory, if any.
func loadConfig(cmd *cobra.Command, configFlag string) (*project, error) {
	p := &project{}
	path := configFlag
	if path == "" {
		found, err := config.Find(".")
		if err != nil {
			return nil, fmt.Errorf("look for %s: %w", config.FileName, err)
		}
		path = found
	}
	if path != "" {
		cfg, err := config.Load(path)
		if err != nil {
			return nil, err
		}
		p.config = cfg
		// A config from elsewhere changes what is checked: say which.
		if !inWorkDir(path) {
			fmt.Fprintf(cmd.ErrOrStderr(), "ifacelint: using config %s\n", format.Terminal(cfg.File))
		}
	}
	return p, nil
}

// loadPolicies loads the built-in policies and those the config and the
// flags name, and checks the config's rule settings against them.
func (p *project) loadPolicies(cmd *cobra.Command, pf *policyFlags) error {
	opts := policy.LoadOptions{Notice: noticeTo(cmd), Context: cmd.Context()}
	if p.config != nil {
		opts.Dirs = append(opts.Dirs, p.config.Policies...)
	}
	if pf != nil {
		opts.Dirs = append(opts.Dirs, pf.dirs...)
		opts.NoBuiltin = pf.noBuiltin
	}
	p.policyDirs = opts.Dirs
	set, err := policy.Load(opts)
	if err != nil {
		return err
	}
	p.policies, p.catalogue = set, set.Catalogue
	if p.config != nil {
		if err := p.config.CheckRules(p.catalogue); err != nil {
			return err
		}
	}
	return nil
}

func noticeTo(cmd *cobra.Command) func(string) {
	stderr := cmd.ErrOrStderr()
	return func(s string) { fmt.Fprintf(stderr, "ifacelint: %s\n", format.Terminal(s)) }
}

// loadProject loads the config and the catalogue, and turns PATH arguments
// into inventory roots and targets.
func loadProject(cmd *cobra.Command, configFlag string, pf *policyFlags, args []string) (*project, error) {
	p, err := loadConfig(cmd, configFlag)
	if err != nil {
		return nil, err
	}
	p.lint = lint.Options{Walk: inventoryWalk(cmd, p)}
	switch {
	case p.config != nil && len(p.config.Inventory) > 0:
		p.lint.Inventory = p.config.Inventory
		p.lint.Targets = args
	case len(args) > 0:
		p.lint.Inventory = args
	}
	if len(p.lint.Inventory) > 0 {
		// The inventory is walked while the policies load (lint.StartWalk).
		p.lint.Walked = lint.StartWalk(p.lint)
	}
	if err := p.loadPolicies(cmd, pf); err != nil {
		return nil, err
	}
	if len(p.lint.Inventory) == 0 {
		return nil, fmt.Errorf("nothing to check: name files or directories, or list inventory roots under `inventory:` in %s", config.FileName)
	}
	p.lint.Catalogue = p.catalogue
	return p, nil
}

// ruleFlags select and tune rules for a run.
type ruleFlags struct {
	failOn    string
	enable    []string
	disable   []string
	now       string
	timeout   time.Duration
	maxMemory string
}

func (r *ruleFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&r.failOn, "fail-on", "", "lowest severity that fails the run: error, warning, info or never (default: the config's failOn, else error)")
	f.StringArrayVar(&r.enable, "enable", nil, "turn on a rule the config disabled (repeatable)")
	f.StringArrayVar(&r.disable, "disable", nil, "turn off a rule (repeatable)")
	f.StringVar(&r.now, "now", "", "evaluate as if today were `YYYY-MM-DD` (default: today, UTC)")
	f.DurationVar(&r.timeout, "timeout", 60*time.Second, timeoutUsage)
	f.StringVar(&r.maxMemory, "max-memory", defaultMaxMemory, maxMemoryUsage)
}

// failLevel resolves --fail-on over the config's failOn.
func (r *ruleFlags) failLevel(p *project) (policy.Severity, error) {
	switch {
	case r.failOn != "":
		return policy.ParseFailOn(r.failOn)
	case p.config != nil && p.config.FailOn != "":
		return p.config.FailOn, nil
	}
	return policy.Error, nil
}

// clock resolves --now: midnight UTC of that date, or the real time.
func (r *ruleFlags) clock() (time.Time, error) {
	if r.now == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.DateOnly, r.now)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q: want a date YYYY-MM-DD", r.now)
	}
	return t, nil
}

// configureRules decides which rules report, their severities and
// parameters (policy.Resolve), and starts compiling the policy engine.
func (p *project) configureRules(cmd *cobra.Command, flags *ruleFlags) error {
	res, err := p.resolve(policy.Selection{Enable: flags.enable, Disable: flags.disable})
	if err != nil {
		return err
	}
	p.accepted = res.Accepted
	if err := p.configureWaivers(); err != nil {
		return err
	}
	now, err := flags.clock()
	if err != nil {
		return err
	}
	maxMemory, err := parseSize(flags.maxMemory)
	if err != nil {
		return fmt.Errorf("--max-memory %q: %w", flags.maxMemory, err)
	}
	opts := res.EngineOptions()
	opts.Now, opts.MaxMemory = now, maxMemory
	opts.Abort = hardStopOf(cmd.Context()).abortFunc()
	p.lint.Abort = opts.Abort
	// Compiled while the run walks the inventory (lint.Options.Compile).
	p.lint.Compile = policy.StartEngine(cmd.Context(), opts)
	p.lint.Enabled = res.Enabled
	p.lint.Severity = res.Severity
	return nil
}

// resolve applies the config's rule settings and the flags to the
// catalogue.
func (p *project) resolve(sel policy.Selection) (*policy.Resolution, error) {
	var settings map[string]policy.RuleSetting
	if p.config != nil {
		settings = p.config.Rules
		sel.ConfigFile = p.config.File
	}
	sel.Fixed = p.config.Fixed()
	return policy.Resolve(p.policies, settings, sel)
}

// configureWaivers sets how the run decides waivers and baselines: the
// rules no change may bend, the config's governance of waivers, and the
// waivers of its waiver files.
func (p *project) configureWaivers() error {
	p.lint.Fixed = p.config.Fixed()
	if p.config == nil {
		return nil
	}
	w := p.config.Waivers
	p.lint.Waivers = waiver.Governance{Approvers: w.Approvers, NoInline: w.NoInline}
	if len(w.Files) > 0 {
		files, err := waiver.LoadFiles(p.config.Dir, w.Files)
		if err != nil {
			return err
		}
		p.lint.WaiverFiles = files
	}
	return nil
}

// inventoryWalk is how inventory files are found: the config's exclude
// globs, relative to the config file, and notices on stderr.
func inventoryWalk(cmd *cobra.Command, p *project) inventory.WalkOptions {
	w := inventory.WalkOptions{Notice: noticeTo(cmd)}
	if p.config != nil {
		w.Exclude, w.Base, w.Config = p.config.Exclude, p.config.Dir, p.config.File
	}
	return w
}

// newReport builds the report of a run: counts, the catalogue, and what
// location-aware formats need (the version, the repository root and the
// working directory).
func newReport(res *lint.Result, p *project, start time.Time) *format.Report {
	rep := format.New(res.Findings, res.Files, res.Documents, p.catalogue)
	rep.Summary.Duration = time.Since(start)
	rep.Summary.StaleBaseline = res.StaleBaseline
	rep.Checked = res.Checked
	rep.Version = buildVersion()
	rep.Severity = p.lint.Severity
	if wd, err := os.Getwd(); err == nil {
		rep.WorkDir = wd
		rep.Root = repoRoot(wd)
	}
	return rep
}

// repoRoot is the nearest directory at or above dir holding .git, or dir.
func repoRoot(dir string) string {
	root, _ := safefile.RepoRoot(dir)
	return root
}

// inWorkDir reports whether the file path is directly in the working
// directory.
func inWorkDir(path string) bool {
	wd, err := os.Stat(".")
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	dir, err := os.Stat(filepath.Dir(abs))
	return err == nil && os.SameFile(wd, dir)
}
