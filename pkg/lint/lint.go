package lint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ifacelint/ifacelint/internal/app"
)

// Options are what a run checks and how: the command line of
// `ifacelint lint` as fields. The zero value of a field is the flag's
// absence, except where a field says otherwise.
type Options struct {
	// ConfigFile is the config (--config); "" looks .ifacelint.yaml up from
	// the working directory to the repository root, as the command does.
	ConfigFile string
	// Targets are the files and directories to check (the PATH
	// arguments); none checks the config's inventory roots.
	Targets []string
	// Policies are directories (or files) of custom Rego policies, added to
	// the config's (--policy).
	Policies []string
	// NoBuiltin runs only the custom policies (--no-builtin).
	NoBuiltin bool
	// Enable and Disable turn rules on and off by id or category
	// (--enable, --disable).
	Enable, Disable []string
	// FailOn is the gate's level (--fail-on); "" is the config's failOn,
	// else Error.
	FailOn Severity
	// Now is the evaluation date: its calendar date, in its own location,
	// is evaluated as midnight UTC of that date, as --now does. The zero
	// value is today, UTC.
	Now time.Time
	// Timeout is the time limit of the whole run (--timeout); 0 or less
	// is the command's default, 60s plus 5ms per inventory file. ctx's
	// deadline and cancellation apply as well.
	Timeout time.Duration
	// MaxMemory bounds the Go heap while policies are evaluated, in bytes
	// (--max-memory), at least 16 MiB; 0 is the command's default, 512 MiB.
	MaxMemory int64
	// Baseline is a baseline file whose entries accept findings
	// (--baseline).
	Baseline string
	// CacheDir is the content cache's directory (--cache-dir); "" runs
	// without a cache, whatever IFACELINT_CACHE_DIR says, so a run writes
	// no file.
	CacheDir string
	// Log receives the notices the command prints on standard error (such
	// as the config used from elsewhere, or a cache left unused), one line
	// each; nil discards them.
	Log io.Writer
}

// Linter runs lint with its Options (New).
type Linter struct {
	opts Options
}

// New returns the Linter of opts. It reads nothing yet.
func New(opts Options) *Linter {
	return &Linter{opts: opts}
}

// Run lints: it validates the inventory, evaluates the enabled rules and
// returns what they found. Each Run reads the config, the policies and the
// inventory anew. The error is set exactly when `ifacelint lint` would
// exit 2 (bad input, a config, policy or baseline that cannot be used, no
// inventory document, the time or memory limit passed, ctx done); findings
// at or above the fail-on level are Result.Fails, not an error. When ctx
// ended the run, the error wraps ctx.Err() (errors.Is(err,
// context.Canceled), or context.DeadlineExceeded).
func (l *Linter) Run(ctx context.Context) (*Result, error) {
	out, err := app.New(l.request()).LintResult(ctx)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	return resultOf(out), nil
}

// ctxErr is err, or, when ctx is done, an error that wraps ctx.Err(): the
// session reports any end of a run in time as its own time limit.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

// Rules returns the rule catalogue of the Linter's config and policies
// (ConfigFile, Policies, NoBuiltin): the built-in rules and the custom
// ones, sorted by id, each at its own severity, as `ifacelint rules` lists
// them.
func (l *Linter) Rules(ctx context.Context) ([]Rule, error) {
	cat, err := app.New(l.request()).Catalogue(ctx)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	out := make([]Rule, 0, len(cat.Rules))
	for _, r := range cat.Rules {
		out = append(out, ruleOf(r))
	}
	return out, nil
}

// request is the app.Request of the Options: the command's defaults where
// a field is zero, quiet, and no output.
func (l *Linter) request() app.Request {
	o := l.opts
	req := app.Request{
		Config:     o.ConfigFile,
		Targets:    o.Targets,
		PolicyDirs: o.Policies,
		NoBuiltin:  o.NoBuiltin,
		Enable:     o.Enable,
		Disable:    o.Disable,
		FailOn:     string(o.FailOn),
		Timeout:    app.DefaultTimeout,
		MaxMemory:  app.DefaultMaxMemory,
		Baseline:   o.Baseline,
		CacheDir:   o.CacheDir,
		NoCache:    o.CacheDir == "",
		Quiet:      true,
		Stdout:     io.Discard,
		Stderr:     o.Log,
	}
	if !o.Now.IsZero() {
		req.Now = o.Now.Format(time.DateOnly)
	}
	if o.Timeout > 0 {
		req.Timeout, req.TimeoutSet = o.Timeout, true
	}
	if o.MaxMemory != 0 {
		req.MaxMemory = strconv.FormatInt(o.MaxMemory, 10)
	}
	return req
}
