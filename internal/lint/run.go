package lint

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ifacelint/ifacelint/internal/baseline"
	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Options configure one run.
type Options struct {
	// Inventory roots: every file below them is loaded, for cross-document
	// context (unique ids, third-party references).
	Inventory []string
	// Targets limit what is reported: files or directories. Empty reports
	// on the whole inventory.
	Targets []string
	// Walk holds exclude globs and the notice sink.
	Walk inventory.WalkOptions
	// Load holds the loader's limits.
	Load inventory.Options
	// Catalogue describes the rules; it is required (schema/invalid's
	// severity, controls and remediation come from it).
	Catalogue *rules.Catalogue
	// Severity overrides per rule id, from the config.
	Severity map[string]rules.Severity
	// Workers bounds concurrency; 0 means GOMAXPROCS.
	Workers int

	// Engine evaluates the rules (a *policy.Engine); nil runs the schema
	// stage only (`ifacelint validate`). Run writes the inventory into it,
	// so one Engine must not serve two concurrent Runs.
	Engine Evaluator
	// Compile, when set and Engine is nil, waits for the Evaluator of a
	// compilation the caller started before Run (policy.StartEngine), so
	// that it overlaps the walk. A compilation error ends the run before
	// any error of the walk, as it would have before Run.
	Compile func() (Evaluator, error)
	// Walked, when set, is the walk of Inventory and Targets that the
	// caller started (StartWalk), in place of Run's own.
	Walked *Walk
	// Enabled says which rules report findings (Rego and Go-computed);
	// schema/invalid always reports. Unused with a nil Engine.
	Enabled map[string]bool

	// Baseline, when set, marks the findings it accepts as baselined.
	Baseline *baseline.File

	// Fixed are the rules whose findings can be neither waived nor
	// baselined (nil: risk.Defaults).
	Fixed *risk.Fixed
	// Waivers is the config's governance of waivers (approvers, inline);
	// WaiverFiles the waivers of its waiver files.
	Waivers     waiver.Governance
	WaiverFiles *waiver.Files

	// HoldFiles caps how many files with deferred documents (see Run) are
	// kept in memory between the two passes; the others are read and parsed
	// again. 0 means DefaultHoldFiles; negative keeps none.
	HoldFiles int

	// Collect, when set, is called once for every loaded document, in walk
	// order, before evaluation; reported says whether the document's file is
	// reported on (the others are cross-document context). A caller that
	// needs documents as well as findings (`ifacelint report`) keeps what it
	// needs; runs without it hold no documents after Run returns.
	Collect func(doc *inventory.Document, reported bool)

	// Cache, when set, keeps each file's results between runs, so that an
	// unchanged file is neither parsed nor evaluated again (cache.go). The
	// results are the same with it or without it. With Collect set, an
	// unchanged file is still read and parsed, for Collect, but not
	// evaluated. CacheKey is what results depend on that lint cannot
	// see: the binary that runs (its version and build).
	Cache    *cache.Store
	CacheKey []byte
	// NoManifest keeps the cache from reading or writing a manifest of the
	// files read (every file is read and its digest looked up): for a run
	// in a directory that lives for one run, such as the mirror of a base
	// revision (lint --base), whose files are all new to the file system
	// and whose manifest, keyed by the working directory, would be one
	// more per run.
	NoManifest bool

	// Keep, with Cache, keeps every file's final entry in memory for the
	// run of another revision that shares most of its files
	// (Result.Kept, Options.Reuse).
	Keep bool
	// Reuse, with Cache, lints a revision whose inventory is mostly that
	// of an earlier run of the same rules (lint --base: the base beside
	// the work tree), without reading the files the two share (reuse.go).
	Reuse *Reuse

	// Root is the repository root: spec.apiSpec paths are relative to it,
	// and the OpenAPI descriptions they name are read only below it (the
	// drift rules, through ifacelint.openapi). Empty: for each document,
	// the git repository holding its file; for a document in none, the
	// one holding the working directory, else the working directory.
	Root string
	// TemporaryRoot says that Root is made anew by every run (a base
	// revision's mirror): the descriptions an entry's findings rest on are
	// recorded relative to it, with their bytes, and checked below the
	// root of a later run (specState, cache.go); an entry for which they
	// cannot be (a symlink, a file that could not be read) is never
	// current in a later run, so it is not written (temporary, reuse.go).
	TemporaryRoot bool

	// Sized, when set, is called once the walk has found the inventory's
	// files, with their number (a time limit that scales with the
	// inventory).
	Sized func(files int)

	// DocTimeout bounds the evaluation of one document: past it the run
	// ends with a *DocTimeoutError. 0 means DefaultDocTimeout; negative,
	// no bound but the context's.
	DocTimeout time.Duration

	// Abort, when set, is called with the *DocTimeoutError of a document
	// whose evaluation goes on ruleeval.HardStopGrace past DocTimeout: a
	// built-in that computes in one Go call does not see the cancellation.
	// It must end the run; it is called from another goroutine.
	Abort func(error)

	// Progress, when set, is called after each file of the first pass is
	// indexed, with the files done and the files in all, from one
	// goroutine. It must be quick: a progress line, not work.
	Progress func(done, total int)
}

// Result of a run.
type Result struct {
	Findings  []Finding
	Files     int // files reported on
	Documents int // documents in them
	// Checked lists those documents in walk order, for reports that show
	// what passed (JUnit).
	Checked []DocumentRef
	// StaleBaseline counts baseline entries, about the files reported on,
	// that accepted more findings than there are now.
	StaleBaseline int
	// Waivers holds the status of every waiver of every reported document
	// the rules evaluated (a run with an Engine), sorted by file, document
	// line and index: whether lint honoured it. Reports show this decision
	// and derive none of their own.
	Waivers []WaiverStatus
	// BaselineMatched are the baseline entries that accepted findings.
	BaselineMatched []baseline.Matched
	// Excluded counts the inventory files the exclude globs left out.
	Excluded int
	// Kept is every file's entry, with Options.Keep and the cache.
	Kept *Kept
}

// ErrNoDocuments is returned when the run found no inventory document to
// report on: a linter that checked nothing must not pass.
var ErrNoDocuments = errors.New("no inventory documents found")

// DefaultDocTimeout bounds the evaluation of one document (Options.DocTimeout):
// a healthy document takes a millisecond or less, so only a runaway policy
// comes near it.
const DefaultDocTimeout = 10 * time.Second

// DocTimeoutError is a document whose evaluation exceeded Options.DocTimeout.
type DocTimeoutError struct {
	File  string
	Doc   int // 1-based
	Limit time.Duration
}

func (e *DocTimeoutError) Error() string {
	return fmt.Sprintf("%s: document %d: the policies took longer than %s to evaluate it (a policy that does not end?); the run stops here", e.File, e.Doc, e.Limit)
}

// DefaultHoldFiles is how many files a run keeps in memory between its
// first pass and its second (Options.HoldFiles).
const DefaultHoldFiles = 256

// afterIndexPass, when set (by tests), runs between the two passes.
var afterIndexPass func()

// earlyChecked, when set (by tests), is told after the first pass whether
// the run had an early view and whether the complete index held it.
var earlyChecked func(view, held bool)

// evaluated, when set (by tests), is told of every evaluation of a
// document by the rules (file, index), from concurrent goroutines.
var evaluated func(file string, doc int)

// deferAll, when set (by tests), evaluates every document in the second
// pass, with the complete index: the one-pass result the two passes must
// equal.
var deferAll bool

// runner holds what every stage of one run needs.
type runner struct {
	opts      Options
	validator *schema.Validator
	waiver    waiver.Policy      // how waivers are decided (opts.Engine's, with this run's rules)
	cacheRun  [32]byte           // runKey, when the run uses the cache
	space     *cache.Space       // the cache's part for runKey
	index     *index             // the cross-document index, complete once the first pass is done
	early     ruleeval.Inventory // the early view's entries (earlyView); nil: none
	specs     *specRoots         // the descriptions spec.apiSpec names, by repository (with an Engine)

	mu      sync.Mutex
	waivers []WaiverStatus
	skipped map[string]int // kind → rules a schema-invalid document misses (notEvaluated)

	kept []keptFile // by source, with Options.Keep (reuse.go)

	rules sync.Map  // rule id → *RuleInfo (ruleInfo)
	paths pathTable // the findings' paths, one copy each
}

// Run lints the inventory: every reported document is validated against
// the schema and, when opts.Engine is set, evaluated by the rules with the
// whole inventory as context. Policy errors and time-outs end the run with
// an error: it fails closed.
//
// Memory stays bounded (docs/performance.md) and each file is parsed once,
// mostly (twoPass). The first pass reads, parses, indexes and evaluates
// every file in walk order, a chunk at a time, and lets its documents go; a
// document whose evaluation read data.ifacelint.inventory
// (Evaluator.EvalLocal) is deferred, unless it read only what the early
// view answers (twoPass.earlyView, Evaluator.EvalEarly: every System and
// ThirdParty, read before the first pass), which the complete index is
// then checked to hold. Once the index is complete, the second
// pass evaluates the deferred documents, reading their files again unless
// they were kept (at most opts.HoldFiles are). A file that changed between
// the two reads ends the run with an error. With the cache, an unchanged
// file is served from its entry (cachedFiles).
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Cache == nil {
		// Compiled while the walk runs. With the cache, the schema is
		// compiled when a file the cache does not serve is validated.
		go func() {
			if v, err := schema.Default(); err == nil {
				v.Prepare() //nolint:errcheck // Validate returns it
			}
		}()
	}
	var (
		srcs     []source
		excluded int
		err      error
	)
	if opts.Walked != nil {
		srcs, excluded, err = opts.Walked.wait(opts.Walk.Notice)
	} else {
		srcs, excluded, err = walkSources(opts)
	}
	validator, verr := schema.Default()
	if verr != nil {
		return nil, verr
	}
	if opts.Engine == nil && opts.Compile != nil {
		engine, cerr := opts.Compile()
		if cerr != nil {
			return nil, cerr
		}
		opts.Engine, opts.Compile = engine, nil
	}
	if err != nil {
		return nil, err
	}
	if opts.Sized != nil {
		opts.Sized(len(srcs))
	}
	r, err := newRunner(ctx, opts, validator)
	if err != nil {
		return nil, err
	}
	if opts.Engine != nil {
		defer opts.Engine.ClearInventory() // no state outlives the run
	}
	res := &Result{Excluded: excluded}
	if opts.Keep && r.opts.Cache != nil {
		r.kept = make([]keptFile, len(srcs))
		r.index.marks = map[string][]byte{}
	}
	if u := opts.Reuse; u != nil && u.Kept != nil && u.Kept.index != nil {
		r.index.prior = u.Kept.index.marks
	}
	// load → validate → evaluate → locate → waive, each document once
	// (most in the first pass, the deferred in the second)
	results, err := newTwoPass(r, srcs, res).run(ctx)
	if err != nil {
		return nil, err
	}
	// gather → sort → baseline
	r.finish(srcs, results, res)
	res.Kept = r.keptOf(srcs)
	return res, nil
}

// newRunner prepares what every stage of a run needs: how waivers are
// decided, the reader of OpenAPI descriptions, the cache's space, the
// empty index.
func newRunner(ctx context.Context, opts Options, validator *schema.Validator) (*runner, error) {
	r := &runner{opts: opts, validator: validator}
	if opts.Engine != nil {
		r.waiver = opts.Engine.Waivers()
		r.waiver.Evaluated = r.enabled
		r.waiver.Fixed, r.waiver.Governance = opts.Fixed, opts.Waivers
		var err error
		if r.specs, err = newSpecRoots(ctx, opts.Root, opts.Walk.Notice); err != nil {
			return nil, err
		}
		if opts.Reuse != nil {
			r.specs.ensure = opts.Reuse.Ensure
		}
	}
	if opts.Cache != nil {
		r.cacheRun = r.runKey()
		where := manifestKey()
		if opts.NoManifest {
			where = cache.NoManifest
		}
		r.space = opts.Cache.Space(r.cacheRun, where)
		if r.specs != nil {
			r.specs.setKnown(manifestOf{r.space}) // descriptions, as inventory files
		}
	} else {
		r.opts.Cache = nil
	}
	r.index = newIndex(opts.Engine != nil && opts.Engine.ReadsInterfaces(), 0)
	return r, nil
}

// InventoryData loads the inventory and returns data.ifacelint.inventory,
// the compact cross-document index policies see (for `ifacelint test`).
func InventoryData(ctx context.Context, opts Options) (map[string]any, error) {
	validator, err := schema.Default()
	if err != nil {
		return nil, err
	}
	opts.Targets = nil
	srcs, err := sources(opts)
	if err != nil {
		return nil, err
	}
	index := newIndex(true, 0)
	lopts := loadOptions(opts, validator)
	lopts.PositionDepth = 1
	err = eachFile(ctx, len(srcs), func(ctx context.Context, i int) (*inventory.File, error) {
		return inventory.LoadFileContext(ctx, srcs[i].path, lopts)
	}, opts.Workers, func(_ int, f *inventory.File) {
		for _, doc := range f.Docs {
			index.use(usesOf(doc))
			index.addEntry(doc.Kind, doc.ID, doc.File, doc.Start(), entryOf(doc, true))
		}
	})
	if err != nil {
		return nil, err
	}
	index.markUsed()
	return index.data(), nil
}
