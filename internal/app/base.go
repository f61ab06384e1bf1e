package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/config"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// A run against a base revision (lint --base REF, report --base REF) gates
// a change by the rules of the revision it changes, not by its own:
//
//  1. The base revision is read from git's object store into a private
//     mirror of the repository (vcs.MirrorHeld): every .yaml, .yml, .json
//     and .rego file (inventory, config, policies, waiver files, OpenAPI
//     descriptions) and the files --config, --baseline and --policy name,
//     whatever their extension. Nothing else can change what the run
//     decides, and the walk never follows symlinks or submodules, so
//     neither does the mirror. With the content cache and no targets, the
//     .yaml, .yml and .json files the walk could find are held back
//     (baseHold) until the head has run.
//  2. A session of the base (openBase) runs the usual preparation in the
//     mirror of the working directory, so every relative path is the
//     head's: it finds and loads the base's config, its custom policies
//     and --baseline's file, and compiles the engine.
//  3. The head session takes the base's config, policies, baseline and
//     engine (loadProject, configureRules, prepare) and lints the work
//     tree: failOn, severities, disabled rules, parameters and the
//     baseline are the base's. Waivers are the head's (inline, and the
//     waiver files the base's config names, read from the work tree):
//     they are reviewed in the change and audited by the waiver rules.
//     With a held mirror it keeps every file's cache entry in memory.
//  4. The base inventory is linted with the same rules (evaluateBase).
//     With a held mirror, the work tree's index (with the metadata the
//     head's run found each file by), or else git, says which held files
//     the work tree has with the base's bytes (vcs.Revision.Settle); the
//     others are written now. The inventory files among them are not written: the base's run
//     takes their entries from the head's (lint.Options.Reuse), settling
//     what depends on other documents or descriptions against the base's;
//     a description is written when a reader asks for it (Ensure).
//  5. Every head finding is compared with the base's (finding.Compare),
//     then BaseChecks add the findings about the change itself.

// Side is one revision of a run against a base revision, for BaseChecks.
type Side struct {
	// Dir is the directory the side's relative paths are relative to: the
	// mirror of the working directory for the base (removed when the run
	// ends), "." for the head (the working directory). Root is the side's
	// repository root: the mirror's, or the work tree's.
	Dir, Root string
	// Config is the side's config file, nil when it has none; for the head
	// it is read for comparison only (the run judges with the base's), and
	// ConfigErr says why it could not be read.
	Config    *config.Config
	ConfigErr error
	// PolicyDirs are the custom policy directories and files the side's
	// config and --policy name, relative to Dir.
	PolicyDirs []string
	// Baseline is --baseline's file on that side (nil without --baseline,
	// or when the side has none; BaselineErr says why it could not be
	// read).
	Baseline    *baseline.File
	BaselineErr error
	// Findings are the side's inventory judged by the base's rules (with
	// the side's waivers); Waivers the decision on each of its waivers.
	Findings []finding.Finding
	Waivers  []finding.WaiverStatus
	// Inventory are the side's inventory roots, relative to Dir.
	Inventory []string
	// Documents are the side's inventory documents in the files the change
	// touched (added, removed, or with other bytes; changedDocuments), and
	// all of the head's when the change deletes a ThirdParty, so that the
	// documents still naming it are seen; schema-invalid ones included.
	// File names are relative to Dir, alike on both sides. A file with the
	// same bytes on both sides holds the same documents, waivers and
	// values, so nothing a check compares can differ there.
	Documents []*inventory.Document
	// WaiverFiles are the waiver files the run read on that side (under
	// the base's waivers.files globs), nil without any.
	WaiverFiles *waiver.Files
	// Policies are the side's custom policy files (.rego below PolicyDirs),
	// by path relative to Dir, with their content (readPolicies).
	Policies map[string][]byte
}

// Sides is what a run against a base revision knows of both revisions:
// what BaseChecks compare.
type Sides struct {
	Ref, Commit string
	Base, Head  Side
	// Catalogue is the run's rule catalogue: the base's built-in and
	// custom rules, which judge the change.
	Catalogue *rules.Catalogue
	// Severity is the base config's severity of a rule, for the checks
	// whose effect depends on it.
	Severity func(rule string) rules.Severity
	// Reviewed are changes a check found that a change ticket reviewed:
	// no findings, but stated beside them (format.Base.Reviewed).
	Reviewed []format.ReviewedChange
}

// BaseCheck computes findings about the change itself from both sides of
// a run against a base revision: the gate/* rules (config relaxed, policy
// changed, waiver added, baseline grown) and the change/* rules (each
// document against its base version). Its findings name catalogued rules
// (else the run ends with exit 2); the session drops those of rules the
// base's config disables, applies the base's severities, fills in
// controls and remediation from the catalogue when empty, marks them new
// and sorts them in with the others. They are neither waived nor
// baselined by the session: a check decides that itself. It runs before
// the base's mirror is removed, and may read files below Sides.Base.Dir.
type BaseCheck func(ctx context.Context, sides *Sides) ([]finding.Finding, error)

// BaseChecks run, in order, in every lint run against a base revision,
// once both sides are linted. The packages that compare revisions add
// theirs here (in this package, so that the dependency points from the
// application to them).
var BaseChecks = []BaseCheck{gateCheck, changeCheck}

// baseAsked reports whether the run is against a base revision.
func (s *Session) baseAsked() bool { return s.req.BaseSet || s.req.Base != "" }

// fromBase names a file the run read from the base revision, for what the
// run states it accepts: "FILE at REF" against a base revision, else FILE.
func (s *Session) fromBase(file string) string {
	if s.base == nil || file == "" {
		return file
	}
	return file + " at " + s.req.Base
}

// baseRun is the base side of a run: its mirror, its session (config,
// policies, baseline, engine) and its findings.
type baseRun struct {
	rev     *vcs.Revision
	session *Session
	result  *lint.Result
	forget  func() // the hard stop's removal of the mirror

	// pending: the base inventory is linted once the head's run is done
	// (evaluateBase). held: the mirror holds back the inventory files the
	// work tree may have with the same bytes (baseHold), so the head's
	// run keeps its entries for the base's (lint.Options.Keep, Reuse).
	pending, held bool
	place, wd     string
	// same are the base's inventory files (relative to the working
	// directory) the work tree holds with the same bytes, which the
	// base's run took from the head's, with their object ids: the checks
	// do not compare them.
	same map[string]string
}

// close removes the mirror.
func (b *baseRun) close() {
	if b != nil {
		_ = b.rev.Close()
		if b.forget != nil {
			b.forget()
		}
	}
}

// chdirMu serialises the runs that move the process into a mirror: the
// working directory is the process's.
var chdirMu sync.Mutex

// openBase reads the base revision into a mirror and prepares its session
// there; with evaluate, it also lints the base inventory. The caller
// closes the result (which removes the mirror), on error too.
func (s *Session) openBase(ctx context.Context, evaluate bool) (_ *baseRun, err error) {
	if s.req.WriteBaseline != "" {
		return nil, errors.New("--write-baseline records the findings of the work tree: run it without --base")
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	commit, place, err := vcs.Resolve(ctx, ".", s.req.Base)
	if err != nil {
		return nil, err
	}
	sel := s.baseSelection(place)
	var hold func(string) bool
	if evaluate && !s.req.NoCache && len(s.req.Targets) == 0 {
		hold = s.baseHold(place)
	}
	rev, err := vcs.MirrorHeld(ctx, ".", s.req.Base, commit, place, sel, hold, vcs.DefaultMirrorLimits, s.baseListings(ctx))
	if err != nil {
		return nil, err
	}
	b := &baseRun{rev: rev, held: hold != nil, place: place, wd: wd}
	if err := s.checkBasePolicyDirs(rev, place, commit); err != nil {
		_ = rev.Close()
		return nil, err
	}
	// A run ended hard (hardstop.go) removes the mirror too.
	b.forget = hardStopOf(ctx).atStop(func() { _ = os.RemoveAll(rev.Root) })
	defer func() {
		if err != nil {
			b.close()
		}
	}()
	b.session = New(s.baseRequest(wd, place, rev.Root))
	b.session.ofBase, b.session.noWalk = true, !evaluate || b.held // a held mirror is walked once the head has run
	b.session.stderr = s.stderr                                    // its notices; its progress and outputs are off
	if b.held && baseReadsWaiverFiles(rev.WorkDir, b.session.req.Config) {
		// The base's waiver files are read as the session prepares, and
		// they decide the run key: the mirror is written whole.
		if _, _, err := rev.Settle(ctx, ".", topOf(wd, place), nil, nil); err != nil {
			return nil, err
		}
		b.held = false
	}
	chdirMu.Lock()
	defer chdirMu.Unlock()
	if err := os.Chdir(rev.WorkDir); err != nil {
		return nil, fmt.Errorf("--base: %w", err)
	}
	defer func() {
		if cerr := os.Chdir(wd); cerr != nil && err == nil {
			err = fmt.Errorf("--base: back to the working directory: %w", cerr)
		}
	}()
	short := commit[:12]
	if err := b.session.prepare(ctx, nil, stages{rules: true, cache: evaluate}); err != nil {
		return nil, fmt.Errorf("base revision %s (%s): %w", s.req.Base, short, err)
	}
	b.pending = evaluate
	return b, nil
}

// evaluateBase lints the base inventory, once the head's run (head) is
// done: with a held mirror, the files the work tree holds with the same
// bytes (git says which) are taken from the head's run instead of being
// written and read (lint.Options.Reuse); the others are written to the
// mirror now.
func (s *Session) evaluateBase(ctx context.Context, head *lint.Result) (err error) {
	b := s.base
	if b == nil || !b.pending {
		return nil
	}
	b.pending = false
	rev := b.rev
	short := rev.Commit[:12]
	var reuse *lint.Reuse
	if b.held {
		var kept *lint.Kept
		if head != nil {
			kept = head.Kept
		}
		rel := func(repoPath string) (string, bool) {
			p, ok := strings.CutPrefix(repoPath, b.place)
			return filepath.FromSlash(p), ok
		}
		top := topOf(b.wd, b.place)
		same, changed, err := rev.Settle(ctx, ".", top, func(repoPath string) bool {
			if !inventory.IsYAML(repoPath) {
				return true // written if a description reader asks for it
			}
			p, ok := rel(repoPath)
			return ok && kept.Inventory(p)
		}, workTreeStat(top, kept, rel))
		if err != nil {
			return err
		}
		if len(same) > 0 {
			reuse = &lint.Reuse{Kept: kept, Dir: b.wd}
			object := make(map[string]string, len(same))
			reuse.Paths = make([]string, 0, len(same))
			for _, f := range same {
				if !inventory.IsYAML(f.Path) {
					continue // a description, written when asked for (Ensure)
				}
				p, _ := rel(f.Path)
				reuse.Paths = append(reuse.Paths, p)
				object[p] = f.Object
			}
			b.same = object
			reuse.Same = func(p string, data []byte) bool {
				obj, ok := object[p]
				return ok && vcs.BlobID(data, obj) == obj
			}
			reuse.SpecSame = specSame(b.wd, rev, changed)
			reuse.Ensure = func(abs string) { rev.Ensure(ctx, abs) }
		}
	}
	chdirMu.Lock()
	defer chdirMu.Unlock()
	if err := os.Chdir(rev.WorkDir); err != nil {
		return fmt.Errorf("--base: %w", err)
	}
	defer func() {
		if cerr := os.Chdir(b.wd); cerr != nil && err == nil {
			err = fmt.Errorf("--base: back to the working directory: %w", cerr)
		}
	}()
	b.session.lint.NoManifest = true
	b.session.lint.Root, b.session.lint.TemporaryRoot = rev.Root, true
	b.session.lint.Reuse = reuse
	res, err := b.session.run(ctx, true)
	if eerr := rev.EnsureErr(); eerr != nil && err == nil {
		err = eerr
	}
	switch {
	case errors.Is(err, lint.ErrNoDocuments), errors.Is(err, fs.ErrNotExist):
		// The change adds the inventory (or the files named): the base has
		// none there, and every finding is new.
		fmt.Fprintf(s.stderr, "ifacelint: the base revision %s (%s) has no inventory documents there: every finding is new\n", textsafe.Terminal(s.req.Base), short)
		res, err = &lint.Result{}, nil
	case err != nil:
		return fmt.Errorf("base revision %s (%s): %w", s.req.Base, short, err)
	}
	b.result = res
	return nil
}

// workTreeStat gives the metadata of a work-tree file (by repository
// path) for vcs.Revision.Settle: as the head's run found it where its
// manifest served the file's entry (the file not read: its entry is for
// the bytes of that metadata), else as lstat finds it now.
func workTreeStat(top string, kept *lint.Kept, rel func(string) (string, bool)) func(string) (vcs.FileStat, bool) {
	return func(repoPath string) (vcs.FileStat, bool) {
		if p, ok := rel(repoPath); ok {
			if st, ok := kept.Stat(p); ok {
				return vcs.FileStat(st), true
			}
		}
		info, err := os.Lstat(filepath.Join(top, filepath.FromSlash(repoPath)))
		if err != nil {
			return vcs.FileStat{}, false
		}
		st, ok := cache.StatOf(info)
		return vcs.FileStat(st), ok
	}
}

// checkBasePolicyDirs refuses a --policy directory (or file) inside the
// work tree that the base revision does not have: the base's custom
// policies judge a run against it, so policies only the change adds
// would judge nothing, and the run cannot be what the flag asks for. It
// fails closed, saying why and what to do, rather than running without
// them or ending on the loader's bare "no such file".
func (s *Session) checkBasePolicyDirs(rev *vcs.Revision, place, commit string) error {
	rel := repoPaths(place)
	for _, d := range s.req.PolicyDirs {
		p, ok := rel(d)
		if !ok || rev.Holds(p) {
			continue
		}
		return fmt.Errorf("--policy %s: the base revision %s (%s) has no such directory: against a base revision the base's custom policies judge the change, and policies the change adds judge nothing until it has merged. Merge the policies in a change of their own first, or leave --policy %s out of runs against a base that lacks it",
			textsafe.Terminal(d), textsafe.Terminal(s.req.Base), commit[:12], textsafe.Terminal(d))
	}
	return nil
}

// baseHold says which files of the base revision the mirror holds back
// until the head's run is done (vcs.MirrorHeld): the .yaml and .yml files
// below the working directory's place that the inventory walk could find
// (no hidden component) and that no flag names (--config, --baseline,
// --policy), so that the base's session finds its config, policies and
// baseline as it prepares.
func (s *Session) baseHold(place string) func(string) bool {
	named := map[string]bool{}
	var dirs []string
	rel := repoPaths(place)
	for _, p := range []string{s.req.Config, s.req.Baseline} {
		if r, ok := rel(p); ok {
			named[r] = true
		}
	}
	for _, d := range s.req.PolicyDirs {
		if r, ok := rel(d); ok {
			dirs = append(dirs, r+"/")
		}
	}
	return func(p string) bool {
		rest, ok := strings.CutPrefix(p, place)
		if !ok || !(inventory.IsYAML(p) || strings.EqualFold(path.Ext(p), ".json")) || named[p] {
			return false
		}
		for _, d := range dirs {
			if strings.HasPrefix(p, d) || d == "./" {
				return false
			}
		}
		// No component of rest is hidden (starts with a dot).
		return !strings.HasPrefix(rest, ".") && !strings.Contains(rest, "/.")
	}
}

// baseReadsWaiverFiles reports whether the base's config (configPath, or
// the one config.Find finds from dir) names waiver files, or cannot be
// read (its session says why).
func baseReadsWaiverFiles(dir, configPath string) bool {
	if configPath == "" {
		var err error
		if configPath, err = config.Find(dir); err != nil {
			return true
		}
		if configPath == "" {
			return false
		}
	} else if !filepath.IsAbs(configPath) {
		configPath = filepath.Join(dir, configPath)
	}
	cfg, err := config.Load(configPath)
	return err != nil || cfg == nil || len(cfg.Waivers.Files) > 0
}

// specSame reports whether an OpenAPI description the head's run read
// (its absolute path, below the work tree's root with symlinks resolved)
// is the same in the base revision: a regular file of the commit's tree
// that git does not see changed, or a file neither has (the base's
// mirror holds only the tree's regular files; a symlink or anything else
// the work tree has there is not the same).
func specSame(wd string, rev *vcs.Revision, changed map[string]bool) func(string) bool {
	top, _ := vcs.RepoRoot(wd)
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return func(abs string) bool {
		rel, err := filepath.Rel(top, abs)
		if err != nil || !filepath.IsLocal(rel) {
			return false
		}
		rel = filepath.ToSlash(rel)
		if rev.Has(rel) {
			return !changed[rel]
		}
		_, err = os.Lstat(abs)
		return errors.Is(err, fs.ErrNotExist)
	}
}

// baseRequest is the request of the base's session: this one's, run in the
// mirror (relative paths are the same), writing nothing. Absolute paths
// into the work tree are moved into the mirror; the cache directory stays
// where it is.
func (s *Session) baseRequest(wd, place, mirror string) Request {
	req := s.req
	req.Formats, req.Output, req.WriteBaseline = nil, "", ""
	req.Stdout = io.Discard // the head's run writes every output
	req.Quiet = true
	top := topOf(wd, place)
	req.Config = mirrorPath(top, mirror, req.Config)
	req.Baseline = mirrorPath(top, mirror, req.Baseline)
	req.PolicyDirs = mapPaths(req.PolicyDirs, func(p string) string { return mirrorPath(top, mirror, p) })
	req.Targets = mapPaths(req.Targets, func(p string) string { return mirrorPath(top, mirror, p) })
	if req.CacheDir == "" {
		if env := os.Getenv(CacheEnv); env != "" && env != "off" {
			req.CacheDir = env
		}
	}
	if req.CacheDir != "" && !filepath.IsAbs(req.CacheDir) {
		req.CacheDir = filepath.Join(wd, req.CacheDir)
	}
	return req
}

func mapPaths(ps []string, f func(string) string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = f(p)
	}
	return out
}

// topOf is the work tree's root from the working directory and its place
// in the work tree (git rev-parse --show-prefix).
func topOf(wd, place string) string {
	top := wd
	for _, part := range strings.Split(strings.TrimSuffix(place, "/"), "/") {
		if part != "" {
			top = filepath.Dir(top)
		}
	}
	return top
}

// baseSelection chooses the base revision's files the run reads: every
// .yaml, .yml, .json and .rego file, and the files --config, --baseline and
// --policy name below the working directory's place, each up to the
// limit of the reader that reads it.
func (s *Session) baseSelection(place string) vcs.Select {
	named := map[string]int64{}
	var dirs []string
	rel := repoPaths(place)
	if p, ok := rel(s.req.Config); ok {
		named[p] = safefile.ConfigLimit
	}
	if p, ok := rel(s.req.Baseline); ok {
		named[p] = safefile.BaselineLimit
	}
	for _, d := range s.req.PolicyDirs {
		if p, ok := rel(d); ok {
			named[p] = safefile.PolicyLimit
			dirs = append(dirs, p+"/")
		}
	}
	return func(p string) (int64, bool) {
		if limit, ok := named[p]; ok {
			return max(limit, inventory.DefaultMaxFileSize), true
		}
		for _, d := range dirs {
			if strings.HasPrefix(p, d) || d == "./" {
				return inventory.DefaultMaxFileSize, true
			}
		}
		switch strings.ToLower(path.Ext(p)) {
		case ".yaml", ".yml", ".json", ".rego":
			return inventory.DefaultMaxFileSize, true
		}
		return 0, false
	}
}

// repoPaths returns the repository path (slash-separated) of a path a flag
// names, relative to the working directory (at place in the work tree) or
// absolute, and whether it is inside the work tree.
func repoPaths(place string) func(string) (string, bool) {
	wd, _ := os.Getwd()
	top := topOf(wd, place)
	return func(p string) (string, bool) {
		if p == "" {
			return "", false
		}
		if filepath.IsAbs(p) {
			r, err := filepath.Rel(top, p)
			if err != nil {
				return "", false
			}
			p = r
		} else {
			p = place + filepath.ToSlash(p)
		}
		p = path.Clean(filepath.ToSlash(p))
		if p == ".." || strings.HasPrefix(p, "../") {
			return "", false
		}
		return p, true
	}
}

// mirrorPath moves an absolute path inside the work tree (top) into the
// base's mirror; any other path is returned as it is (relative paths are
// the same in the mirror).
func mirrorPath(top, mirror, p string) string {
	if p == "" || !filepath.IsAbs(p) {
		return p
	}
	rel, err := filepath.Rel(top, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.Join(mirror, rel)
}

// compareWithBase marks every head finding new or not, runs BaseChecks,
// and returns the report's description of the base.
func (s *Session) compareWithBase(ctx context.Context, res *lint.Result) (*format.Base, error) {
	b := s.base
	finding.Compare(res.Findings, b.result.Findings)
	sides := &Sides{Ref: s.req.Base, Commit: b.rev.Commit}
	sides.Base = Side{
		Dir: b.rev.WorkDir, Root: b.rev.Root,
		Config: b.session.config, PolicyDirs: b.session.policyDirs,
		Baseline: b.session.lint.Baseline,
		Findings: b.result.Findings, Waivers: b.result.Waivers,
		Inventory:   b.session.lint.Inventory,
		WaiverFiles: b.session.lint.WaiverFiles,
	}
	sides.Head = s.headSide(res)
	sides.Head.WaiverFiles = s.lint.WaiverFiles
	if err := sides.Head.ConfigErr; err != nil {
		return nil, headConfigErr(err)
	}
	sides.Base.Policies = readPolicies(sides.Base.Dir, sides.Base.PolicyDirs)
	sides.Head.Policies = readPolicies(sides.Head.Dir, sides.Head.PolicyDirs)
	var err error
	if sides.Base.Documents, sides.Head.Documents, err = changedDocuments(ctx, b.rev.WorkDir, b.result, res, s.lint.Load, b.same); err != nil {
		return nil, err
	}
	sides.Catalogue = s.catalogue
	sides.Severity = func(rule string) rules.Severity {
		if sev, ok := s.lint.Severity[rule]; ok {
			return sev
		}
		if r := s.catalogue.Get(rule); r != nil {
			return r.Severity
		}
		return ""
	}
	for _, check := range BaseChecks {
		extra, err := check(ctx, sides)
		if err != nil {
			return nil, err
		}
		for _, f := range extra {
			rule := s.catalogue.Get(f.Rule)
			if rule == nil {
				return nil, fmt.Errorf("a check of the change reported rule %q, which is not in the catalogue", f.Rule)
			}
			if !s.lint.Enabled[f.Rule] {
				continue
			}
			ri := *f.RuleInfo // the check's own: completed for this finding only
			if sev, ok := s.lint.Severity[f.Rule]; ok {
				ri.Severity = sev
			} else if ri.Severity == "" {
				ri.Severity = rule.Severity
			}
			if ri.Controls == nil {
				ri.Controls = rule.Controls
			}
			if ri.Remediation == "" {
				ri.Remediation = rule.Remediation
			}
			f.RuleInfo = &ri
			f.BaselineState, f.New = finding.StateNew, true
			res.Findings = append(res.Findings, f)
		}
	}
	if sides.Head.Config != nil && samePolicies(sides.Base.Policies, sides.Head.Policies) {
		// The head's own catalogue is the base's (the same custom policy
		// files): its rule settings are checked against it. With other
		// policies, the head's own session checks them against its own
		// (addHeadPolicyFindings).
		if err := sides.Head.Config.CheckRules(b.session.catalogue); err != nil {
			return nil, headConfigErr(err)
		}
	}
	if err := s.addHeadPolicyFindings(ctx, sides, res); err != nil {
		return nil, err
	}
	if len(BaseChecks) > 0 {
		finding.Sort(res.Findings)
	}
	return &format.Base{Ref: s.req.Base, Commit: b.rev.Commit, NewOnly: s.req.NewOnly, Reviewed: sides.Reviewed}, nil
}

// headSide is the work tree's side for BaseChecks: its own config,
// policies and baseline as they are (read, not used to judge), and its
// findings under the base's rules.
func (s *Session) headSide(res *lint.Result) Side {
	h := Side{Dir: ".", Findings: res.Findings, Waivers: res.Waivers}
	if wd, err := os.Getwd(); err == nil {
		h.Root, _ = vcs.RepoRoot(wd)
	}
	cfgPath := s.req.Config
	if cfgPath == "" {
		cfgPath, h.ConfigErr = config.Find(".")
	}
	if cfgPath != "" && h.ConfigErr == nil {
		h.Config, h.ConfigErr = config.Load(cfgPath)
	}
	if h.Config != nil {
		h.PolicyDirs = append(h.PolicyDirs, h.Config.Policies...)
		h.Inventory = h.Config.Inventory
	} else if len(s.req.Targets) > 0 {
		h.Inventory = s.req.Targets
	}
	h.PolicyDirs = append(h.PolicyDirs, s.req.PolicyDirs...)
	if s.req.Baseline != "" {
		h.Baseline, h.BaselineErr = baseline.Read(s.req.Baseline)
	}
	return h
}

// headConfigErr is an error of the work tree's config under --base: it
// does not judge this run, but it judges every run once the change has
// merged, so it is refused now (exit 2) rather than ignored.
func headConfigErr(err error) error {
	return fmt.Errorf("the work tree's config, which judges every run once this change has merged (against a base revision the base's judges): %w", err)
}

// samePolicies reports whether both sides have the same custom policy
// files, byte for byte.
func samePolicies(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, data := range a {
		if other, ok := b[p]; !ok || !bytes.Equal(other, data) {
			return false
		}
	}
	return true
}
