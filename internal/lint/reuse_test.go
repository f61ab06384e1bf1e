package lint_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
)

const reuseBilling = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: billing
  name: Billing export
  description: Invoices to the billing vendor.
  owner: {team: finance, contact: finance@example.com}
  lastReviewed: 2026-05-01
  waivers:
    - {rule: transport/tls-required, reason: legacy client until Q3, approvedBy: security@example.com, expires: 2026-09-01}
spec:
  type: file-transfer
  direction: outbound
  exposure: internet
  thirdParty: globex
  endpoints:
    - url: sftp://files.globex.example.com
  encryption: {inTransit: {tls: false}}
  authentication: {methods: [ssh-key]}
  data: {classification: confidential}
  logging: {enabled: true, events: [authentication, access, change, error], retentionDays: 90}
`

const reuseAcme = `apiVersion: ifacelint/v1
kind: ThirdParty
metadata: {id: acme, name: Acme, owner: {team: vm, contact: vm@example.com}}
spec: {assessment: {date: 2026-05-01, result: approved}, contract: {dpa: true}}
`

// reuseVendors is the base's vendors file: globex assessed with result.
func reuseVendors(result string) string {
	return reuseAcme + `---
apiVersion: ifacelint/v1
kind: ThirdParty
metadata: {id: globex, name: Globex, owner: {team: vm, contact: vm@example.com}}
spec: {assessment: {date: 2024-01-01, result: ` + result + `}, contract: {dpa: false}}
`
}

// TestBaseReuseVariant: a file the base has with the work tree's bytes
// (Options.Reuse) whose document reads a ThirdParty the change altered is
// evaluated in the base's run once; its result in the base is kept in a
// variant of the work tree's entry, so the next runs of that base
// evaluate nothing and write nothing, and the work tree's entry is left
// as it is. A variant whose reads are not current (the base's ThirdParty
// changed) is evaluated again, with the base's findings; the variants of
// both bases then serve.
func TestBaseReuseVariant(t *testing.T) {
	work, base, cacheDir := t.TempDir(), t.TempDir(), t.TempDir()
	write := func(dir, name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(work, "inv/billing.yaml", reuseBilling)
	write(work, "inv/vendors.yaml", reuseAcme) // the change removes globex
	write(base, "inv/vendors.yaml", reuseVendors("approved"))

	var (
		mu   sync.Mutex
		seen []string
	)
	lint.SetEvaluated(func(file string, doc int) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, file)
	})
	t.Cleanup(func() { lint.SetEvaluated(nil) })
	counted := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := seen
		seen = nil
		return out
	}
	packs := func() map[string]bool {
		t.Helper()
		files := map[string]bool{}
		err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), "m-") {
				files[p] = true
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	run := func(dir string, cached bool, tune func(*lint.Options)) *lint.Result {
		t.Helper()
		t.Chdir(dir)
		opts := fixture.LintOptions(t)
		opts.Inventory = []string{"inv"}
		opts.Root = dir
		var store *cache.Store
		if cached {
			var err error
			if store, err = cache.Open(cacheDir, 0); err != nil {
				t.Fatal(err)
			}
			opts.Cache, opts.CacheKey = store, []byte("test-binary")
		}
		if tune != nil {
			tune(&opts)
		}
		res, err := lint.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if store != nil {
			if err := store.Close(); err != nil {
				t.Fatal(err)
			}
		}
		return res
	}
	// The work tree's run, then the base's, as lint --base runs them; the
	// base's findings and the evaluations of its run.
	both := func() (*lint.Result, []string) {
		t.Helper()
		head := run(work, true, func(o *lint.Options) { o.Keep = true })
		counted()
		res := run(base, true, func(o *lint.Options) {
			o.NoManifest, o.TemporaryRoot = true, true
			o.Reuse = &lint.Reuse{Kept: head.Kept, Dir: work, Paths: []string{filepath.Join("inv", "billing.yaml")}}
		})
		return res, counted()
	}
	// What the base gets without the cache, its files all its own.
	whole := func() *lint.Result {
		t.Helper()
		full := t.TempDir()
		data, err := os.ReadFile(filepath.Join(base, "inv", "vendors.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		write(full, "inv/vendors.yaml", string(data))
		write(full, "inv/billing.yaml", reuseBilling)
		res := run(full, false, nil)
		counted()
		return res
	}
	workFindings := func() *lint.Result {
		t.Helper()
		res := run(work, false, nil)
		counted()
		return res
	}()

	want := whole()
	if len(want.Waivers) == 0 {
		t.Fatal("the fixture's waiver is not recorded")
	}
	res, evals := both() // cold: billing.yaml is evaluated in the base, its variant written
	sameResult(t, "cold", res, want)
	if !contains(evals, filepath.Join("inv", "billing.yaml")) {
		t.Fatalf("cold: the reused document reading the changed ThirdParty was not evaluated in the base (evaluated %v)", evals)
	}
	for round := range 2 {
		before := packs()
		res, evals = both()
		sameResult(t, "warm", res, want)
		if len(evals) > 0 {
			t.Errorf("warm run %d: the base's run evaluated %v", round+1, evals)
		}
		for p := range packs() {
			if !before[p] {
				t.Errorf("warm run %d wrote %s", round+1, filepath.Base(p))
			}
		}
	}
	// The work tree's entry was left alone: its run still gets its own
	// findings from the cache.
	head := run(work, true, nil)
	sameResult(t, "the work tree, warm", head, workFindings)
	if e := counted(); len(e) > 0 {
		t.Errorf("the work tree's warm run evaluated %v", e)
	}
	// Another base: the ThirdParty billing.yaml reads is rejected. The
	// variant's reads are not current: evaluated again.
	write(base, "inv/vendors.yaml", reuseVendors("rejected"))
	want2 := whole()
	if sameFindings(want2, want) {
		t.Fatal("the fixture's two bases give billing.yaml the same findings")
	}
	res, evals = both()
	sameResult(t, "another base", res, want2)
	if !contains(evals, filepath.Join("inv", "billing.yaml")) {
		t.Errorf("a variant whose reads are not current served (evaluated %v)", evals)
	}
	res, evals = both()
	sameResult(t, "another base, warm", res, want2)
	if len(evals) > 0 {
		t.Errorf("another base, warm: the base's run evaluated %v", evals)
	}
	// The first base again: its variant is still there.
	write(base, "inv/vendors.yaml", reuseVendors("approved"))
	res, evals = both()
	sameResult(t, "the first base again", res, want)
	if contains(evals, filepath.Join("inv", "billing.yaml")) {
		t.Errorf("the first base's variant did not serve (evaluated %v)", evals)
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func sameFindings(a, b *lint.Result) bool {
	if len(a.Findings) != len(b.Findings) {
		return false
	}
	for i := range a.Findings {
		if a.Findings[i].Rule != b.Findings[i].Rule || a.Findings[i].File != b.Findings[i].File || a.Findings[i].Message != b.Findings[i].Message {
			return false
		}
	}
	return true
}
