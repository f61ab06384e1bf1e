package lint_test

import (
	"context"
	"io/fs"
	"maps"
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

// reuseAPI is an Interface reading the description at spec, and the
// ThirdParty globex when it names it.
func reuseAPI(id, spec, thirdParty, note string) string {
	s := `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: ` + id + `
  name: Orders API
  description: Orders placed by shops` + note + `.
  owner: {team: commerce, contact: commerce@example.com}
  lastReviewed: 2026-05-01
spec:
  type: api
  direction: inbound
  exposure: internet
  environment: production
  criticality: medium
  endpoints:
    - url: https://api.example.com/v1
  data:
    classification: internal
  authentication:
    methods: [oauth2]
  authorization:
    model: scopes
    scopes: [orders:read, orders:write]
  encryption:
    inTransit: {tls: true, minVersion: "1.2"}
  apiSpec: ` + spec + "\n"
	if thirdParty != "" {
		s += "  thirdParty: " + thirdParty + "\n"
	}
	return s
}

// reuseSpec is an OpenAPI description whose second server is at host.
func reuseSpec(host string) string {
	return `openapi: 3.1.0
info: {title: Orders API, version: "1"}
servers:
  - url: https://api.example.com/v1/
  - url: http://` + host + `/v1
paths:
  /orders:
    get:
      responses: {"200": {description: ok}}
`
}

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
	// Shared: a document reading globex and an unchanged description.
	write(work, "inv/gateway.yaml", reuseAPI("gateway", "api/shared.yaml", "globex", ""))
	write(work, "api/shared.yaml", reuseSpec("shared.example.com"))
	write(base, "api/shared.yaml", reuseSpec("shared.example.com"))
	// Changed: a document reading a description, in the base below its
	// mirror, made anew by every run.
	write(work, "inv/orders.yaml", reuseAPI("orders", "api/orders.yaml", "", " (v2)"))
	write(base, "inv/orders.yaml", reuseAPI("orders", "api/orders.yaml", "", ""))
	write(work, "api/orders.yaml", reuseSpec("legacy.example.com"))
	write(base, "api/orders.yaml", reuseSpec("legacy.example.com"))
	shared := []string{filepath.Join("inv", "billing.yaml"), filepath.Join("inv", "gateway.yaml")}

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
		kept := lint.KeptState(head.Kept)
		mirror := mirrorOf(t, base, shared)
		res := run(mirror, true, func(o *lint.Options) {
			o.NoManifest, o.TemporaryRoot = true, true
			o.Reuse = &lint.Reuse{Kept: head.Kept, Dir: work, Paths: shared, SpecSame: func(abs string) bool {
				rel, err := filepath.Rel(work, abs)
				if err != nil || !filepath.IsLocal(rel) {
					return false
				}
				a, errA := os.ReadFile(abs)
				b, errB := os.ReadFile(filepath.Join(base, rel))
				return errA == nil && errB == nil && string(a) == string(b)
			}}
		})
		if after := lint.KeptState(head.Kept); !maps.Equal(after, kept) {
			t.Error("the base's run changed the work tree's kept entries")
		}
		return res, counted()
	}
	// What the base gets without the cache, its files all its own.
	whole := func() *lint.Result {
		t.Helper()
		full := mirrorOf(t, base, nil)
		for _, p := range shared {
			data, err := os.ReadFile(filepath.Join(work, p))
			if err != nil {
				t.Fatal(err)
			}
			write(full, p, string(data))
		}
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
	for _, id := range []string{"gateway", "orders"} {
		if !hasFinding(want, "drift/endpoints", id) {
			t.Fatalf("the fixture's %s has no drift/endpoints finding in the base", id)
		}
	}
	res, evals := both() // cold: billing.yaml is evaluated in the base, its variant written
	sameResult(t, "cold", res, want)
	for _, f := range []string{"billing.yaml", "gateway.yaml", "orders.yaml"} {
		if !contains(evals, filepath.Join("inv", f)) {
			t.Fatalf("cold: %s was not evaluated in the base (evaluated %v)", f, evals)
		}
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
	if len(evals) > 0 {
		t.Errorf("the first base's entries and variants did not serve (evaluated %v)", evals)
	}
	// The base's descriptions changed: the changed file's entry and the
	// shared file's variant, which read them in an earlier mirror, are not
	// current.
	write(base, "api/orders.yaml", reuseSpec("old.example.com"))
	write(base, "api/shared.yaml", reuseSpec("other.example.com"))
	want3 := whole()
	res, evals = both()
	sameResult(t, "the base's descriptions changed", res, want3)
	for _, f := range []string{"gateway.yaml", "orders.yaml"} {
		if !contains(evals, filepath.Join("inv", f)) {
			t.Errorf("the base's descriptions changed: %s was not evaluated again (evaluated %v)", f, evals)
		}
	}
	res, evals = both()
	sameResult(t, "the base's descriptions changed, warm", res, want3)
	if len(evals) > 0 {
		t.Errorf("the base's descriptions changed, warm: the base's run evaluated %v", evals)
	}
}

func hasFinding(res *lint.Result, rule, id string) bool {
	for _, f := range res.Findings {
		if f.Rule == rule && f.ID == id {
			return true
		}
	}
	return false
}

// mirrorOf copies the base's files into a new directory, as lint --base
// mirrors a base revision anew for every run, but for the files shared.
func mirrorOf(t *testing.T, base string, shared []string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(base, p)
		for _, s := range shared {
			if s == rel {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
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

// An entry written below a temporary root (a base's mirror) records its
// descriptions relative to the root: a run below another root with the
// same file and the same description bytes takes it, and one where the
// description is a symlink or holds other bytes evaluates the document
// again, with the findings a run without the cache gives.
func TestPortableSpecsCheckedBelowRoot(t *testing.T) {
	cacheDir := t.TempDir()
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
	tree := func(spec string) string {
		t.Helper()
		dir := t.TempDir()
		for name, content := range map[string]string{
			"inv/orders.yaml": reuseAPI("orders", "api/orders.yaml", "", ""),
			"api/real.yaml":   reuseSpec("legacy.example.com"),
		} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if spec == "symlink" {
			err = os.Symlink("real.yaml", filepath.Join(dir, "api", "orders.yaml"))
		} else {
			err = os.WriteFile(filepath.Join(dir, "api", "orders.yaml"), []byte(reuseSpec(spec)), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
	run := func(dir string, cached, temporary bool) (*lint.Result, []string) {
		t.Helper()
		t.Chdir(dir)
		opts := fixture.LintOptions(t)
		opts.Inventory, opts.Root, opts.TemporaryRoot = []string{"inv"}, dir, temporary
		var store *cache.Store
		if cached {
			var err error
			if store, err = cache.Open(cacheDir, 0); err != nil {
				t.Fatal(err)
			}
			opts.Cache, opts.CacheKey = store, []byte("test-binary")
		}
		mu.Lock()
		seen = nil
		mu.Unlock()
		res, err := lint.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if store != nil {
			if err := store.Close(); err != nil {
				t.Fatal(err)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		return res, seen
	}
	mirror := tree("legacy.example.com")
	want, _ := run(mirror, false, false)
	if !hasFinding(want, "drift/endpoints", "orders") {
		t.Fatal("the fixture has no drift/endpoints finding")
	}
	run(mirror, true, true) // the entry, written below a temporary root
	if got, evals := run(tree("legacy.example.com"), true, false); len(evals) > 0 {
		t.Errorf("below another root with the same description: evaluated %v", evals)
	} else {
		sameResult(t, "the same description", got, want)
	}
	for _, spec := range []string{"symlink", "other.example.com"} {
		dir := tree(spec)
		want, _ := run(dir, false, false)
		got, evals := run(dir, true, false)
		sameResult(t, spec, got, want)
		if !contains(evals, filepath.Join("inv", "orders.yaml")) {
			t.Errorf("%s: the entry served (evaluated %v)", spec, evals)
		}
	}
}
