package policy

import (
	"github.com/ifacelint/ifacelint/internal/risk"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/open-policy-agent/opa/v1/ast"
)

// LoadOptions say which policies a run uses.
type LoadOptions struct {
	// Dirs are the user's policy directories (--policy and the config's
	// policies:), in order.
	Dirs []string
	// NoBuiltin leaves the built-in rules out of evaluation. Their modules
	// are still compiled (user policies may import data.ifacelint.lib) and
	// their ids stay known, so a waiver naming one is neither invalid nor
	// unused.
	NoBuiltin bool
	Notice    func(string)
	// Context, when set, bounds loading and parsing: past its deadline Load
	// returns ErrTimeout.
	Context context.Context
	// Frameworks are the frameworks the config defines: custom rules may
	// name them in custom.frameworks, and every rule maps each
	// (Catalogue.AddUserFrameworks).
	Frameworks []*frameworks.Framework
	// Artefacts, when set, is the content cache: the built-in catalogue
	// is read from it, or kept in it (artefact.go). Binary is the
	// binary's identity as the content cache keys it.
	Artefacts Artefacts
	Binary    []byte
}

// Set is every policy module of a run, parsed once, and the catalogue.
type Set struct {
	Catalogue *Catalogue
	Modules   []*ast.Module // non-test modules, built-in and user
	NoBuiltin bool

	sources   []Source // the non-test sources of Modules, for Digest
	nBuiltin  int      // Modules[:nBuiltin] are the built-in modules
	userTests []Source
	builtins  *builtinNamespace
}

// Load reads, parses and catalogues the built-in and the user's policies.
// A built-in rule whose METADATA is not whole (checkBuiltinMetadata) is an
// error, a developer's. A user policy that does not parse, a rule id that is already taken or
// that a package cannot form, an unknown severity, a module under
// data.ifacelint.rules that would never run (checkEvaluated, and a deny in
// a test file, checkTestSources), or a policy directory without a rule is
// an error.
func Load(opts LoadOptions) (*Set, error) {
	builtin, err := BuiltinSources()
	if err != nil {
		return nil, fmt.Errorf("load built-in policies: %w", err)
	}
	builtinMods, cat, err := loadBuiltins(nonTest(builtin), opts.Artefacts, opts.Binary)
	if err != nil {
		return nil, err
	}
	set := &Set{Catalogue: cat, Modules: builtinMods, NoBuiltin: opts.NoBuiltin, sources: nonTest(builtin), nBuiltin: len(builtinMods), builtins: newBuiltinNamespace(builtinMods)}
	defer func() {
		if set != nil {
			set.Catalogue.AddUserFrameworks(opts.Frameworks)
		}
	}()
	if len(opts.Dirs) == 0 {
		return set, nil
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var user []Source
	if err := bounded(ctx, func() (err error) {
		user, err = LoadDirs(opts.Dirs, opts.Notice)
		return err
	}); err != nil {
		return nil, err
	}
	var userMods []*ast.Module
	if err := bounded(ctx, func() (err error) {
		userMods, err = Parse(nonTest(user))
		return err
	}); err != nil {
		return nil, err
	}
	if err := set.builtins.checkNamespace(userMods); err != nil {
		return nil, err
	}
	if err := checkMetadata(userMods, opts.Frameworks...); err != nil {
		return nil, err
	}
	if err := AddModules(cat, userMods, false); err != nil {
		return nil, &PolicyError{err}
	}
	if err := checkEvaluated(userMods, cat); err != nil {
		return nil, err
	}
	if err := bounded(ctx, func() error { return checkTestSources(user) }); err != nil {
		return nil, err
	}
	if err := CheckDirsHaveRules(opts.Dirs, cat); err != nil {
		return nil, err
	}
	set.Modules = append(set.Modules, userMods...)
	set.sources = append(set.sources, nonTest(user)...)
	for _, s := range user {
		if s.Test {
			set.userTests = append(set.userTests, s)
		}
	}
	return set, nil
}

// Loaded reports whether a rule is evaluated in this run at all: user rules
// always, built-in rules unless NoBuiltin. The rules no change may bend
// (risk.Defaults: schema/invalid, secrets/no-inline, …) always run.
func (s *Set) Loaded(r *Rule) bool {
	return !r.Builtin || !s.NoBuiltin || defaultFixed.Has(r.ID)
}

// BuiltinOnly reports whether Modules are the built-in modules and no
// other (EngineOptions.BuiltinOnly).
func (s *Set) BuiltinOnly() bool { return s.nBuiltin > 0 && len(s.Modules) == s.nBuiltin }

// defaultFixed are the rules no change may bend whatever the config says.
var defaultFixed = risk.NewFixed(nil)

// UserTests parses the user's *_test.rego modules. They obey the same
// namespace as the user's rules: a test module cannot extend a built-in
// package or the engine's data either. A test module of a rule package
// cannot define deny, which lint would never evaluate.
func (s *Set) UserTests() ([]*ast.Module, error) {
	mods, err := Parse(s.userTests)
	if err != nil {
		return nil, err
	}
	if s.builtins != nil {
		if err := s.builtins.checkNamespace(mods); err != nil {
			return nil, err
		}
	}
	if err := checkTestsDefineNoDeny(mods); err != nil {
		return nil, err
	}
	return mods, nil
}

func nonTest(sources []Source) []Source {
	out := make([]Source, 0, len(sources))
	for _, s := range sources {
		if !s.Test {
			out = append(out, s)
		}
	}
	return out
}

// Digest identifies the policies of a run for audit evidence: "sha256:" and
// the SHA-256 of the sorted SHA-256 digests of every non-test module's
// source, built-in and custom. It depends on the modules' text only, not on
// their paths or the order of --policy flags, so the same policies give the
// same digest from any checkout or working directory.
func (s *Set) Digest() string {
	sums := make([]string, len(s.sources))
	for i, src := range s.sources {
		sum := sha256.Sum256([]byte(src.Text))
		sums[i] = hex.EncodeToString(sum[:])
	}
	sort.Strings(sums)
	h := sha256.New()
	for _, sum := range sums {
		h.Write([]byte(sum + "\n"))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// bounded runs work and returns its error, or ErrTimeout as soon as ctx is
// done: reading and parsing policies, and compiling them, have no
// cancellation of their own. The work left running ends with the process
// (the command fails).
func bounded(ctx context.Context, work func() error) error {
	if ctx.Done() == nil {
		return work()
	}
	if err := ctx.Err(); err != nil {
		return timeoutErr(err)
	}
	done := make(chan error, 1)
	go func() { done <- work() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return timeoutErr(ctx.Err())
	}
}

func timeoutErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return ErrTimeout
	}
	return err
}
