package lint_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/audit"
	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// copyTree copies a generated inventory, so a test may change it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// cacheRun lints dir from inside it (paths in findings are relative, as in
// a repository) with the cache in cacheDir, or without one when cacheDir is
// empty; tune adjusts the options.
func cacheRun(t *testing.T, dir, cacheDir string, tune func(*lint.Options)) (*lint.Result, cache.Stats) {
	t.Helper()
	opts := fixture.LintOptions(t)
	opts.Inventory = []string{dir}
	opts.Root = dir // the generated inventory's spec.apiSpec paths start there
	var store *cache.Store
	if cacheDir != "" {
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
	var stats cache.Stats
	if store != nil {
		if err := store.Close(); err != nil { // writes the run's pack
			t.Fatal(err)
		}
		stats = store.Stats()
	}
	return res, stats
}

// sameResult fails unless a run with the cache gave exactly what a run
// without it gives.
func sameResult(t *testing.T, what string, got, want *lint.Result) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	t.Errorf("%s: the cached run differs: %d findings, %d files, %d documents, %d waivers; without the cache %d, %d, %d, %d",
		what, len(got.Findings), got.Files, got.Documents, len(got.Waivers), len(want.Findings), want.Files, want.Documents, len(want.Waivers))
	for i := range min(len(got.Findings), len(want.Findings)) {
		if !reflect.DeepEqual(got.Findings[i], want.Findings[i]) {
			t.Errorf("first difference at finding %d:\n got  %+v\n want %+v", i, got.Findings[i], want.Findings[i])
			break
		}
	}
}

// The cache never changes a result: cold, warm, and after every kind of
// change to the inventory and to what the results depend on, a run with
// the cache equals a run without it, on a generated inventory with every
// rule planted, cross-file duplicate ids and third-party references.
func TestCacheSameResults(t *testing.T) {
	src, _ := fixture.Inventory(t, 300)
	dir := copyTree(t, src)
	cacheDir := t.TempDir()

	check := func(what string, tune func(*lint.Options)) cache.Stats {
		t.Helper()
		want, _ := cacheRun(t, dir, "", tune)
		got, stats := cacheRun(t, dir, cacheDir, tune)
		sameResult(t, what, got, want)
		return stats
	}
	if st := check("cold", nil); st.Hits != 0 || st.Wrote == 0 {
		t.Fatalf("cold run: %+v, want no hits and entries written", st)
	}
	files := 0
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if ext := filepath.Ext(d.Name()); !d.IsDir() && (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(d.Name(), ".") {
			files++
		}
		return nil
	})
	if st := check("warm", nil); st.Misses != 0 || st.Hits != int64(files) || st.Wrote != 0 {
		t.Fatalf("warm run over %d files: %+v, want every file a hit and nothing written", files, st)
	}

	// Edits: a planted violation fixed, a new one, a ThirdParty that
	// others name changed, a file deleted, a file renamed, a duplicate id
	// added.
	var ifaces, thirds, descriptions []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
		if d.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		switch {
		case strings.HasSuffix(p, ".openapi.json"):
			descriptions = append(descriptions, p)
		case strings.Contains(string(data), "kind: ThirdParty"):
			thirds = append(thirds, p)
		case strings.Contains(string(data), "kind: Interface"):
			ifaces = append(ifaces, p)
		}
		return nil
	})
	if len(thirds) == 0 || len(ifaces) < 10 || len(descriptions) < 3 {
		t.Fatalf("generated inventory has %d ThirdParty and %d Interface files, %d OpenAPI descriptions", len(thirds), len(ifaces), len(descriptions))
	}
	edit := func(p, old, new string) {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", p, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(thirds[0], "kind: ThirdParty", "kind: ThirdParty\n# reviewed again")
	edit(thirds[0], "result: ", "result: rejected\n    previous: ")
	edit(ifaces[0], "metadata:", "metadata:\n  description: \"\"")
	edit(ifaces[1], "spec:", "spec:\n  unknownField: 1")
	if err := os.Remove(ifaces[2]); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(ifaces[3], ifaces[3]+".renamed.yaml"); err != nil {
		t.Fatal(err)
	}
	// OpenAPI descriptions the documents name: one gains a server, one is
	// deleted, one becomes a symlink to another.
	edit(descriptions[0], `"servers": [`, `"servers": [{"url": "https://drifted.example.com"}, `)
	if err := os.Remove(descriptions[1]); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(descriptions[2]); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(descriptions[0], descriptions[2]); err != nil {
		t.Fatal(err)
	}
	dup, _ := os.ReadFile(ifaces[4])
	if err := os.WriteFile(filepath.Join(dir, "zz-duplicate.yaml"), dup, 0o644); err != nil {
		t.Fatal(err)
	}
	if st := check("after edits", nil); st.Misses == 0 || st.Hits < int64(files)-10 {
		t.Errorf("after edits: %+v, want a few misses and the rest hits", st)
	}
	seen := map[string]bool{}
	res, _ := cacheRun(t, dir, cacheDir, nil)
	for _, f := range res.Findings {
		switch {
		case f.Rule == "drift/endpoints" && strings.Contains(f.Message, "drifted.example.com"):
			seen["server"] = true
		case f.Rule == "drift/api-spec" && strings.Contains(f.Message, "no such file"):
			seen["deleted"] = true
		case f.Rule == "drift/api-spec" && strings.Contains(f.Message, "symlink"):
			seen["symlink"] = true
		}
	}
	if len(seen) != 3 {
		t.Errorf("after the descriptions changed, the warm run saw %v, want server, deleted and symlink", seen)
	}
	check("after edits, warm", nil)

	// What the results depend on besides the files.
	check("another binary", func(o *lint.Options) { o.CacheKey = []byte("another-binary") })
	check("a rule disabled", func(o *lint.Options) { o.Enabled = without(o.Enabled, "ownership/purpose-documented") })
	check("a severity changed", func(o *lint.Options) {
		o.Severity = map[string]policy.Severity{"ownership/purpose-documented": policy.Error}
	})
	check("another date", func(o *lint.Options) { *o = withEngine(t, *o, time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), "") })
	check("a custom policy", func(o *lint.Options) {
		*o = withEngine(t, *o, time.Time{}, "# METADATA\n# title: Named\n# custom:\n#   severity: warning\npackage ifacelint.rules.acme.named\n\ndeny contains \"named\" if input.metadata.name\n")
	})
	check("targets", func(o *lint.Options) { o.Targets = []string{ifaces[5], thirds[0]} })
}

func without(m map[string]bool, id string) map[string]bool {
	out := map[string]bool{}
	for k, v := range m {
		out[k] = v && k != id
	}
	return out
}

// withEngine rebuilds the options' engine for another date, or with one
// more (custom) module.
func withEngine(t *testing.T, o lint.Options, now time.Time, module string) lint.Options {
	t.Helper()
	var dirs []string
	if module != "" {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "named.rego"), []byte(module), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	set, err := policy.Load(policy.LoadOptions{Dirs: dirs})
	if err != nil {
		t.Fatal(err)
	}
	res, err := policy.Resolve(set, nil, policy.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	eo := res.EngineOptions()
	eo.Now = now
	if now.IsZero() {
		eo.Now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	engine, err := policy.NewEngine(context.Background(), eo)
	if err != nil {
		t.Fatal(err)
	}
	o.Engine, o.Catalogue, o.Enabled, o.Severity = engine, set.Catalogue, res.Enabled, res.Severity
	return o
}

// A damaged cache is a slower run, never a wrong or failed one: a pack or
// manifest truncated, emptied, of another format or with a flipped byte,
// and stray temporary files, are ignored and replaced.
func TestCacheDamaged(t *testing.T) {
	src, _ := fixture.Inventory(t, 100)
	want, _ := cacheRun(t, src, "", nil)
	filled := t.TempDir()
	cacheRun(t, src, filled, nil)
	files := func(dir, suffix string) []string {
		var out []string
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
			if !d.IsDir() && strings.HasSuffix(p, suffix) && !strings.HasPrefix(d.Name(), ".tmp-") {
				out = append(out, p)
			}
			return nil
		})
		return out
	}
	if n := len(files(filled, ".pack")); n != 1 {
		t.Fatalf("a cold run wrote %d packs, want 1", n)
	}
	damages := map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		// Every 64th byte of the second half: payloads, some of them
		// entries a full run reads (a run reads no index record).
		"flipped bytes, payloads": func(b []byte) []byte {
			for i := len(b) / 2; i < len(b); i += 64 {
				b[i] ^= 0xff
			}
			return b
		},
		"a flipped byte, head": func(b []byte) []byte { b[40] ^= 0xff; return b },
		"another format":       func(b []byte) []byte { b[len(b)/3] = '0'; return append([]byte("ifacelint-pack-1\n"), b...) },
		"empty":                func([]byte) []byte { return nil },
	}
	for name, damage := range damages {
		for _, what := range []string{".pack", "manifest"} {
			t.Run(what+" "+name, func(t *testing.T) {
				cacheDir := t.TempDir()
				copyInto(t, filled, cacheDir)
				var targets []string
				if what == ".pack" {
					targets = files(cacheDir, ".pack")
				} else {
					for _, p := range files(cacheDir, "") {
						if strings.HasPrefix(filepath.Base(p), "m-") {
							targets = append(targets, p)
						}
					}
				}
				if len(targets) != 1 {
					t.Fatalf("%d %s files", len(targets), what)
				}
				data, _ := os.ReadFile(targets[0])
				if err := os.WriteFile(targets[0], damage(data), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(filepath.Dir(targets[0]), ".tmp-123"), []byte("half"), 0o600); err != nil {
					t.Fatal(err)
				}
				got, st := cacheRun(t, src, cacheDir, nil)
				sameResult(t, "damaged", got, want)
				if what == ".pack" && st.Misses == 0 {
					t.Errorf("a damaged pack read as whole: %+v", st)
				}
				if what == "manifest" && st.Known != 0 {
					t.Errorf("a damaged manifest was used: %+v", st)
				}
				got, st = cacheRun(t, src, cacheDir, nil)
				sameResult(t, "repaired", got, want)
				if st.Misses != 0 {
					t.Errorf("damaged entries were not rewritten: %+v", st)
				}
			})
		}
	}
}

// copyInto copies the files of a cache directory.
func copyInto(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A file whose metadata the manifest knows is not read; one edited, even
// to the same size with its modification time put back, is read again and
// its change seen; one only touched is read again and its entry used.
func TestCacheManifest(t *testing.T) {
	src, _ := fixture.Inventory(t, 100)
	dir := copyTree(t, src)
	cacheDir := t.TempDir()
	var paths []string
	specs := int64(0) // OpenAPI descriptions: the manifest knows them too, once a run has read them
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
		if ext := filepath.Ext(p); !d.IsDir() && (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(d.Name(), ".") {
			paths = append(paths, p)
		}
		if !d.IsDir() && strings.HasSuffix(p, ".openapi.json") {
			specs++
		}
		return nil
	})
	files := int64(len(paths))
	if specs == 0 {
		t.Fatal("the fixture names no OpenAPI description")
	}
	// Files changed within cache.Racy of a run's start are read again
	// whatever the manifest says. The runs' clock (cache.Store.Clock)
	// steps over Racy instead of the test sleeping: settle moves it ahead.
	var ahead time.Duration
	settle := func() { ahead += 2 * cache.Racy }
	clock := func(o *lint.Options) {
		o.Cache.Clock = func() time.Time { return time.Now().Add(ahead) }
	}
	settle()
	check := func(what string) cache.Stats {
		t.Helper()
		want, _ := cacheRun(t, dir, "", nil)
		got, st := cacheRun(t, dir, cacheDir, clock)
		sameResult(t, what, got, want)
		return st
	}
	if st := check("cold"); st.Known != 0 || st.Wrote == 0 {
		t.Fatalf("cold: %+v", st)
	}
	if st := check("warm"); st.Known != files || st.Hits != files || st.Misses != 0 || st.Wrote != 0 {
		t.Fatalf("warm over %d files: %+v, want every file known from the manifest and a hit", files, st)
	}

	// The same size, the same modification time, other content.
	var edited string
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		// Not a file naming a description: the edit makes its document
		// schema-invalid, so nothing would read the description again.
		if strings.Contains(string(data), "exposure: internal") && !strings.Contains(string(data), "apiSpec:") {
			edited = p
			info, _ := os.Stat(p)
			data = []byte(strings.Replace(string(data), "exposure: internal", "exposure: external", 1))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if edited == "" {
		t.Fatal("no Interface with exposure: internal")
	}
	// The descriptions were read by the warm run (the cold one parsed
	// them), so from now on the manifest knows them as well.
	if st := check("edited in place"); st.Known != files-1+specs || st.Misses == 0 {
		t.Errorf("after an edit that kept size and mtime: %+v, want the file read again and a miss", st)
	}

	// Touched: read again, the same digest, the same entry.
	settle()
	check("settled")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(paths[0], later, later); err != nil {
		t.Fatal(err)
	}
	if st := check("touched"); st.Known != files-1+specs || st.Hits != files || st.Misses != 0 || st.Wrote != 0 {
		t.Errorf("after a touch: %+v, want the file read again and its entry used", st)
	}

	// A description edited once the manifest trusts it: read again, and
	// the documents naming it evaluated again (check compares with a run
	// without the cache).
	settle()
	if st := check("settled again"); st.Known != files-1+specs { // the touched file is in the future
		t.Errorf("settled again: %+v, want every other file and description known", st)
	}
	spec := ""
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
		if !d.IsDir() && strings.HasSuffix(p, ".openapi.json") && spec == "" {
			spec = p
			if err := os.WriteFile(p, []byte(`{"swagger": "1.0"}`), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return nil
	})
	if st := check("description edited"); st.Known != files-1+specs-1 {
		t.Errorf("after a description's edit: %+v, want it read again", st)
	}
}

// Two runs at once on one cache directory both give the right result
// (run with -race by make test).
func TestCacheConcurrentRuns(t *testing.T) {
	src, _ := fixture.Inventory(t, 100)
	cacheDir := t.TempDir()
	want, _ := cacheRun(t, src, "", nil)
	var wg sync.WaitGroup
	results := make([]*lint.Result, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = cacheRun(t, src, cacheDir, nil)
		}()
	}
	wg.Wait()
	for i, got := range results {
		sameResult(t, "concurrent run "+string(rune('A'+i)), got, want)
	}
}

// A document whose rules read both the inventory (a third-party reference)
// and an OpenAPI description is evaluated in two passes; the cache still
// keys it on the description, so an edit of the description alone shows in
// a warm run.
func TestCacheDeferredDocumentReadsDescription(t *testing.T) {
	root := t.TempDir()
	inv := filepath.Join(root, "inventory")
	files := map[string]string{
		"inventory/acme.yaml": `apiVersion: ifacelint/v1
kind: ThirdParty
metadata: {id: acme, name: Acme}
spec: {}
`,
		"inventory/orders.yaml": `apiVersion: ifacelint/v1
kind: Interface
metadata: {id: orders-api, name: Orders API}
spec:
  type: api
  direction: outbound
  exposure: partner
  thirdParty: acme
  endpoints: [{url: "https://api.acme.example.com"}]
  apiSpec: api/acme.yaml
`,
		"api/acme.yaml": "openapi: 3.1.0\ninfo: {title: Acme, version: '1'}\nservers: [{url: 'https://api.acme.example.com'}]\npaths: {}\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cacheDir := t.TempDir()
	tune := func(o *lint.Options) { o.Root = root }
	drift := func(res *lint.Result) int {
		n := 0
		for _, f := range res.Findings {
			if f.Rule == "drift/endpoints" {
				n++
			}
		}
		return n
	}
	cold, _ := cacheRun(t, inv, cacheDir, tune)
	if drift(cold) != 0 {
		t.Fatalf("in step, drift/endpoints fired: %v", cold.Findings)
	}
	p := filepath.Join(root, "api", "acme.yaml")
	if err := os.WriteFile(p, []byte(strings.Replace(files["api/acme.yaml"], "servers: [", "servers: [{url: 'https://eu.acme.example.com'}, ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	warm, _ := cacheRun(t, inv, cacheDir, tune)
	want, _ := cacheRun(t, inv, "", tune)
	sameResult(t, "after the description changed", warm, want)
	if drift(want) != 1 || drift(warm) != 1 {
		t.Errorf("drift/endpoints findings: %d without the cache, %d with it, want 1", drift(want), drift(warm))
	}
}

// A file whose name is not UTF-8 is cached like any other: its findings
// and waiver statuses come back with the name byte for byte, and every
// format prints a warm run exactly as a run without the cache.
func TestCacheFileNameNotUTF8(t *testing.T) {
	dir := t.TempDir()
	doc := `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: handoff
  name: Support hand-off
  description: Tickets move from support to billing.
  lastReviewed: 2026-05-01
  waivers:
    - {rule: data/classified, reason: Tracked in SEC-1, expires: 2026-12-31}
spec:
  type: workflow
  direction: inbound
  exposure: internal
  data:
    classification: internal
    flows: [{from: support, to: billing}]
  changeManagement: {process: cab}
`
	name := filepath.Join(dir, "b\x9b31mc\xff.yaml")
	if err := os.WriteFile(name, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dup.yaml"), []byte(strings.Replace(doc, "Support hand-off", "Duplicate", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	want, _ := cacheRun(t, dir, "", nil)
	named := 0
	for _, f := range want.Findings {
		if f.File == name {
			named++
		}
	}
	if named == 0 || len(want.Waivers) != 2 || want.Waivers[0].File != name && want.Waivers[1].File != name {
		t.Fatalf("without the cache: %d findings on %q, waivers %+v", named, name, want.Waivers)
	}
	if _, st := cacheRun(t, dir, cacheDir, nil); st.Wrote == 0 {
		t.Fatalf("cold: %+v", st)
	}
	got, st := cacheRun(t, dir, cacheDir, nil)
	if st.Hits != 2 || st.Misses != 0 {
		t.Errorf("warm: %+v, want both files from the cache", st)
	}
	sameResult(t, "a file name that is not UTF-8", got, want)
	for _, name := range []string{"json", "sarif", "text"} {
		print := func(res *lint.Result) string {
			rep := format.New(res.Findings, res.Files, res.Documents, nil)
			rep.Checked, rep.Summary.StaleBaseline = res.Checked, res.StaleBaseline
			w, err := format.Get(name, format.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := w.Write(&b, rep); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		if g, w := print(got), print(want); g != w {
			t.Errorf("-f %s: a warm run prints\n%s\nwithout the cache\n%s", name, g, w)
		} else if !strings.Contains(g, "31mc") {
			t.Errorf("-f %s does not name the file:\n%s", name, g)
		}
	}
}

// A result is reused only under the time limit it was computed under: a
// document that took 12 s under a 60 s limit is a time-out under the
// default 10 s, not a cached pass (the memory limit is in the engine's
// fingerprint, policy.TestFingerprintHoldsTheMemoryLimit).
func TestCacheKeyHoldsTheDocumentTimeLimit(t *testing.T) {
	t.Parallel()
	src, _ := fixture.Inventory(t, 20)
	cacheDir := t.TempDir()
	cacheRun(t, src, cacheDir, nil)
	if _, stats := cacheRun(t, src, cacheDir, func(o *lint.Options) { o.DocTimeout = lint.DefaultDocTimeout }); stats.Hits == 0 {
		t.Fatalf("the same limit (0 is the default) missed the cache: %+v", stats)
	}
	for _, limit := range []time.Duration{time.Minute, -1} {
		if _, stats := cacheRun(t, src, cacheDir, func(o *lint.Options) { o.DocTimeout = limit }); stats.Hits != 0 {
			t.Errorf("DocTimeout %s read %d entries written under the default", limit, stats.Hits)
		}
	}
}

// A run that collects documents (ifacelint report and graph) uses the
// cache too: an unchanged file is parsed for Collect but not evaluated, and
// the results and the evidence built from them equal those of a run
// without the cache, cold, warm and after an edit.
func TestCacheCollect(t *testing.T) {
	src, _ := fixture.Inventory(t, 120)
	dir := copyTree(t, src)
	cacheDir := t.TempDir()
	run := func(cacheDir string) (*lint.Result, string, cache.Stats) {
		t.Helper()
		c := audit.NewCollector()
		var opts lint.Options
		res, stats := cacheRun(t, dir, cacheDir, func(o *lint.Options) {
			o.Collect = c.Collect
			opts = *o
		})
		e := audit.Build(c, res.Findings, audit.Options{Catalogue: opts.Catalogue, Enabled: opts.Enabled, Waivers: res.Waivers})
		var out bytes.Buffer
		if err := audit.CSV(&out, e); err != nil {
			t.Fatal(err)
		}
		if err := audit.Markdown(&out, e); err != nil {
			t.Fatal(err)
		}
		return res, out.String(), stats
	}
	check := func(what string) cache.Stats {
		t.Helper()
		want, wantEvidence, _ := run("")
		got, gotEvidence, stats := run(cacheDir)
		sameResult(t, what, got, want)
		if gotEvidence != wantEvidence {
			t.Errorf("%s: the evidence of the cached run differs", what)
		}
		return stats
	}
	if st := check("cold"); st.Hits != 0 || st.Wrote == 0 {
		t.Fatalf("cold run: %+v, want no hits and entries written", st)
	}
	if st := check("warm"); st.Misses != 0 || st.Hits == 0 || st.Wrote != 0 {
		t.Fatalf("warm run: %+v, want every file a hit and nothing written", st)
	}
	var iface string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
		if data, err := os.ReadFile(p); iface == "" && err == nil && !d.IsDir() && strings.Contains(string(data), "kind: Interface") {
			iface = p
		}
		return nil
	})
	data, err := os.ReadFile(iface)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(iface, []byte(strings.Replace(string(data), "metadata:", "metadata:\n  description: \"\"", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := check("after an edit"); st.Misses == 0 || st.Hits == 0 {
		t.Errorf("after an edit: %+v, want a miss and the rest hits", st)
	}
}
