// Package app is ifacelint's application layer: a Session, built once from
// a Request (what the command line asked for), loads the config and the
// policies, resolves the rules, starts the engine and the inventory walk,
// runs lint and writes the outputs. The commands of cmd/ifacelint turn
// flags into a Request and a Session's error into an exit code; nothing
// else.
//
// lint, validate, report and graph share one preparation path (prepare):
// config, inventory walk and policies (load), the rule resolution and the
// engine's compilation (configureRules), the baseline read, the output
// checks and the content cache. The walk and the compilation run beside
// each other as futures private to the session (lint.Options.Walked and
// Compile), awaited by lint.Run.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// ErrFindings ends a run whose findings (or policy tests) fail it; the
// findings were already printed. The command maps it to exit 1, every
// other error to exit 2.
var ErrFindings = errors.New("findings at or above the fail-on level")

// Request is what one command line asks of a session: every flag of the
// inventory commands, resolved by nothing yet. The zero value of a field
// is the flag's absence.
type Request struct {
	Config     string   // --config; "" looks .ifacelint.yaml up from the working directory
	Targets    []string // PATH arguments
	PolicyDirs []string // --policy (test: the DIR arguments)
	NoBuiltin  bool

	Enable, Disable []string
	FailOn          string        // --fail-on; "" is the config's failOn, else error
	Now             string        // --now YYYY-MM-DD; "" is today, UTC
	Timeout         time.Duration // --timeout (lint, report, graph; validate has none)
	TimeoutSet      bool          // --timeout given: the only time limit
	MaxMemory       string        // --max-memory

	CacheDir string // --cache-dir
	NoCache  bool

	Baseline string // --baseline
	// Base is --base REF: judge the work tree by that revision's config,
	// policies and baseline, and tell new findings from existing ones
	// (base.go). NewOnly is --new-only: only new findings fail the run.
	Base          string
	NewOnly       bool
	BaseSet       bool   // --base given, even empty (which is refused)
	WriteBaseline string // --write-baseline
	Frameworks    []string

	Formats         []string // --format FORMAT[=FILE]
	Output          string   // --output
	Color           string   // --color auto, always or never
	NoColor         bool
	Quiet           bool
	SARIFCategory   string
	SARIFSuppressed bool

	Version        string // the binary's version (BuildVersion)
	Stdout, Stderr io.Writer
}

// Session is one run of ifacelint over a project, built once from a
// Request (New).
type Session struct {
	req            Request
	stdout, stderr io.Writer

	config     *config.Config // nil without a config file
	policyDirs []string       // the custom policy directories (and files) read
	policies   *policy.Set
	catalogue  *policy.Catalogue
	lint       lint.Options
	// reviewDays is third-party/assessment-current's maxAgeDays, which
	// dates each supplier's next review in the report (0: not resolved).
	reviewDays int
	// accepted is what the rule resolution accepts (configureRules).
	accepted risk.Statement
	failOn   policy.Severity
	// base is the base revision's side of a run against one (--base): its
	// config, policies, engine and baseline judge this session's
	// inventory (base.go).
	base *baseRun
	// ofBase is set on the base revision's own session (openBase): it
	// runs in the mirror; a --baseline file the base lacks accepts
	// nothing. noWalk keeps it from walking an inventory it will not lint
	// (report --base).
	ofBase, noWalk bool
	// useCache: the run attaches the content cache (prepare's stages), so
	// loading the policies may read the built-in catalogue from it; cache
	// is the cache opened, once (openCache).
	useCache bool
	cache    *openedCache
}

// New builds the session of req; it reads nothing yet.
func New(req Request) *Session {
	s := &Session{req: req, stdout: req.Stdout, stderr: req.Stderr}
	if s.stdout == nil {
		s.stdout = io.Discard
	}
	if s.stderr == nil {
		s.stderr = io.Discard
	}
	return s
}

// loadCatalogue finds the config (or takes --config), loads the built-in
// and custom policies once, and checks the config's rule settings against
// the resulting catalogue.
func (s *Session) loadCatalogue(ctx context.Context) error {
	if err := s.loadConfig(); err != nil {
		return err
	}
	return s.loadPolicies(ctx)
}

// loadConfig reads the config named by --config, else the one found from
// the working directory, if any.
func (s *Session) loadConfig() error {
	path := s.req.Config
	if path == "" {
		found, err := config.Find(".")
		if err != nil {
			return fmt.Errorf("look for %s: %w", config.FileName, err)
		}
		path = found
	}
	if path != "" {
		cfg, err := config.Load(path)
		if err != nil {
			return err
		}
		s.config = cfg
		// A config from elsewhere changes what is checked: say which.
		if !inWorkDir(path) {
			fmt.Fprintf(s.stderr, "ifacelint: using config %s\n", textsafe.Terminal(cfg.File))
		}
	}
	return nil
}

// loadPolicies loads the built-in policies and those the config and the
// flags name, and checks the config's rule settings against them.
func (s *Session) loadPolicies(ctx context.Context) error {
	if s.base != nil {
		// The base's policies, read from the base revision.
		s.policyDirs, s.policies, s.catalogue = s.base.session.policyDirs, s.base.session.policies, s.base.session.catalogue
		return nil
	}
	opts := policy.LoadOptions{Notice: s.notice, Context: ctx, Frameworks: s.config.UserFrameworks(),
		Artefacts: s.cacheArtefacts(ctx), Binary: binaryIdentity(s.req.Version)}
	if s.config != nil {
		opts.Dirs = append(opts.Dirs, s.config.Policies...)
	}
	opts.Dirs = append(opts.Dirs, s.req.PolicyDirs...)
	opts.NoBuiltin = s.req.NoBuiltin
	s.policyDirs = opts.Dirs
	set, err := policy.Load(opts)
	if err != nil {
		return err
	}
	s.policies, s.catalogue = set, set.Catalogue
	if s.config != nil {
		if err := s.config.CheckRules(s.catalogue); err != nil {
			return err
		}
		// The rules a user framework's mappings file names exist, and
		// carry its controls from here on.
		if err := s.config.CheckFrameworks(s.catalogue); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) notice(msg string) {
	fmt.Fprintf(s.stderr, "ifacelint: %s\n", textsafe.Terminal(msg))
}

// loadProject loads the config and the catalogue, and turns PATH arguments
// into inventory roots and targets.
func (s *Session) loadProject(ctx context.Context) error {
	if s.base != nil {
		// The base's config, with the paths it names relative to the same
		// place here: checked again against this work tree's symlinks.
		s.config = s.base.session.config
		if err := s.config.CheckPaths(); err != nil {
			return err
		}
	} else if err := s.loadConfig(); err != nil {
		return err
	}
	s.lint = lint.Options{Walk: s.inventoryWalk()}
	switch {
	case s.config != nil && len(s.config.Inventory) > 0:
		s.lint.Inventory = s.config.Inventory
		s.lint.Targets = s.req.Targets
	case len(s.req.Targets) > 0:
		s.lint.Inventory = s.req.Targets
	}
	if len(s.lint.Inventory) > 0 && !s.noWalk {
		// The inventory is walked while the policies load (lint.StartWalk).
		s.lint.Walked = lint.StartWalk(s.lint)
	}
	if err := s.loadPolicies(ctx); err != nil {
		return err
	}
	if len(s.lint.Inventory) == 0 {
		return fmt.Errorf("nothing to check: name files or directories, or list inventory roots under `inventory:` in %s", config.FileName)
	}
	s.lint.Catalogue = s.catalogue
	return nil
}

// failLevel resolves --fail-on over the config's failOn.
func failLevel(flag string, cfg *config.Config) (policy.Severity, error) {
	switch {
	case flag != "":
		return policy.ParseFailOn(flag)
	case cfg != nil && cfg.FailOn != "":
		return cfg.FailOn, nil
	}
	return policy.Error, nil
}

// clock resolves --now: midnight UTC of that date, or the real time.
func clock(now string) (time.Time, error) {
	if now == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.DateOnly, now)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q: want a date YYYY-MM-DD", now)
	}
	return t, nil
}

// configureRules decides which rules report, their severities and
// parameters (policy.Resolve), and starts compiling the policy engine.
func (s *Session) configureRules(ctx context.Context) error {
	res, err := s.resolve(policy.Selection{Enable: s.req.Enable, Disable: s.req.Disable})
	if err != nil {
		return err
	}
	s.accepted = res.Accepted
	if err := s.configureWaivers(); err != nil {
		return err
	}
	now, err := clock(s.req.Now)
	if err != nil {
		return err
	}
	maxMemory, err := parseSize(s.req.MaxMemory)
	if err != nil {
		return fmt.Errorf("--max-memory %q: %w", s.req.MaxMemory, err)
	}
	opts := res.EngineOptions()
	opts.Now, opts.MaxMemory = now, maxMemory
	opts.Abort = hardStopOf(ctx).abortFunc()
	s.lint.Abort = opts.Abort
	// Compiled while the run walks the inventory (lint.Options.Compile).
	// Against a base revision the base's engine serves: the same policies,
	// resolution, date and limits (an engine holds nothing of a run once
	// it ends).
	if s.base != nil && s.base.session.lint.Compile != nil {
		s.lint.Compile = s.base.session.lint.Compile
	} else {
		compiled := policy.StartEngine(ctx, opts)
		s.lint.Compile = func() (lint.Evaluator, error) {
			engine, err := compiled()
			if err != nil {
				return nil, err // not a nil *policy.Engine in the interface
			}
			return engine, nil
		}
	}
	s.reviewDays = reviewDays(res.Params)
	s.lint.Enabled = res.Enabled
	s.lint.Severity = res.Severity
	return nil
}

// resolve applies the config's rule settings and the flags to the
// catalogue.
func (s *Session) resolve(sel policy.Selection) (*policy.Resolution, error) {
	var settings map[string]policy.RuleSetting
	if s.config != nil {
		settings = s.config.Rules
		sel.ConfigFile = s.fromBase(s.config.File)
	}
	sel.Fixed = s.config.Fixed()
	return policy.Resolve(s.policies, settings, sel)
}

// configureWaivers sets how the run decides waivers and baselines: the
// rules no change may bend, the config's governance of waivers, and the
// waivers of its waiver files.
func (s *Session) configureWaivers() error {
	s.lint.Fixed = s.config.Fixed()
	if s.config == nil {
		return nil
	}
	w := s.config.Waivers
	s.lint.Waivers = waiver.Governance{Approvers: w.Approvers, NoInline: w.NoInline}
	if len(w.Files) > 0 {
		files, err := waiver.LoadFiles(s.config.Dir, w.Files)
		if err != nil {
			return err
		}
		s.lint.WaiverFiles = files
	}
	return nil
}

// inventoryWalk is how inventory files are found: the config's exclude
// globs, relative to the config file, and notices on stderr.
func (s *Session) inventoryWalk() inventory.WalkOptions {
	w := inventory.WalkOptions{Notice: s.notice}
	if s.config != nil {
		w.Exclude, w.Base, w.Config = s.config.Exclude, s.config.Dir, s.config.File
	}
	return w
}

// newReport builds the report of a run: counts, the catalogue, and what
// location-aware formats need (the version, the repository root and the
// working directory).
func (s *Session) newReport(res *lint.Result, start time.Time) *format.Report {
	rep := format.New(res.Findings, res.Files, res.Documents, s.catalogue)
	rep.Summary.Duration = time.Since(start)
	rep.Summary.StaleBaseline = res.StaleBaseline
	rep.Checked = res.Checked
	rep.Version = s.req.Version
	rep.Severity = s.lint.Severity
	if wd, err := os.Getwd(); err == nil {
		rep.WorkDir = wd
		rep.Root = repoRoot(wd)
	}
	return rep
}

// errNoDocuments is the error of a run that found no inventory document.
func (s *Session) errNoDocuments() error {
	return &noDocumentsError{"no inventory documents found in " + joinPaths(s.lint.Inventory) + " (.yaml/.yml files)"}
}

// noDocumentsError is lint.ErrNoDocuments said for the user.
type noDocumentsError struct{ msg string }

func (e *noDocumentsError) Error() string { return e.msg }
func (e *noDocumentsError) Unwrap() error { return lint.ErrNoDocuments }

func joinPaths(ps []string) string {
	str := ""
	for i, p := range ps {
		if i > 0 {
			str += ", "
		}
		str += p
	}
	return str
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

// reviewDays is the age at which third-party/assessment-current reports a
// supplier's assessment (its maxAgeDays), 0 when the rule has none.
func reviewDays(params map[string]map[string]any) int {
	switch v := params["third-party/assessment-current"]["maxAgeDays"].(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	}
	return 0
}
