package openapi

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

const factsDescription = `openapi: 3.1.0
info: {title: Orders, version: "1"}
servers:
  - url: https://user:secret@api.example.com/v1?k=1
  - url: /relative
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {"orders:read": r}
    key: {type: apiKey, in: header, name: X-Key}
security: [{oauth: [orders:read]}]
paths:
  /orders:
    $ref: ops.yaml
  /health:
    get:
      security: []
      responses: {"200": {description: ok}}
`

const factsOps = `get:
  security: [{key: [reader]}]
  responses: {"200": {description: ok}}
post:
  responses: {"200": {description: ok}}
`

// Facts holds what the drift rules compare, at file:line:column, with
// $ref'd files named relative to the description and no credential in a
// display URL.
func TestReaderFacts(t *testing.T) {
	root := repo(t, map[string]string{"api/orders.yaml": factsDescription, "api/ops.yaml": factsOps})
	r, err := NewReader(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	facts, files, err := r.Describe("api/orders.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(facts)
	want := `{"anonymous":{"at":"api/orders.yaml:20:5","operation":"GET /health"},` +
		`"file":"api/orders.yaml",` +
		`"schemes":[{"at":"api/ops.yaml:2:15","method":"api-key","name":"key","summary":"apiKey in header X-Key","type":"apiKey"},` +
		`{"at":"api/orders.yaml:15:13","method":"oauth2","name":"oauth","summary":"oauth2 clientCredentials","type":"oauth2"}],` +
		`"scopes":[{"at":"api/orders.yaml:15:21","scheme":"oauth","scope":"orders:read"}],` +
		`"servers":[{"at":"api/orders.yaml:4:5","display":"https://api.example.com/v1","url":"https://user:secret@api.example.com/v1?k=1"}]}`
	if string(got) != want {
		t.Errorf("facts:\n got %s\nwant %s", got, want)
	}
	real := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	if len(files) != 2 || files[0] != real("api/ops.yaml") || files[1] != real("api/orders.yaml") {
		t.Errorf("files = %q", files)
	}
}

// Paths that are not a readable description inside the repository give an
// error fact, never a Go error, and read nothing outside.
func TestReaderRefuses(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte(factsDescription), 0o644); err != nil {
		t.Fatal(err)
	}
	root := repo(t, map[string]string{
		"api/linked.yaml": "->" + filepath.Join(outside, "secret.yaml"),
		"api/bad.yaml":    "openapi: 3.1.0\ninfo: {title: x}\npaths:\n  /a: {$ref: 'https://evil.example.com/a.yaml'}\n",
		"api/not.yaml":    "kind: Interface\n",
		"dir/.keep":       "",
	})
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"":                      `"": empty path`,
		"/etc/passwd":           `"/etc/passwd": is an absolute path`,
		"../secret.yaml":        `"../secret.yaml": leads outside the repository`,
		"api/../../secret.yaml": `"api/../../secret.yaml": leads outside the repository`,
		"https://x.example/o":   `"https://x.example/o": is a URL`,
		"//x.example/o":         `"//x.example/o": is a URL`,
		"api/linked.yaml":       `api/linked.yaml: goes through a symlink`,
		"out/secret.yaml":       `out/secret.yaml: goes through a symlink`,
		"api/missing.yaml":      `api/missing.yaml: no such file in the repository`,
		"dir":                   `dir:1:1: cannot read dir: is a directory`,
		"api/bad.yaml":          `api/bad.yaml:4:8: $ref "https://evil.example.com/a.yaml" is a URL`,
		"api/not.yaml":          `api/not.yaml:1:1: not an OpenAPI description`,
		"api/./not.yaml":        `api/not.yaml:1:1: not an OpenAPI description`,
		"api/nul\x00.yaml":      `a path cannot hold a NUL character`,
	} {
		facts, _, err := r.Describe(path)
		if err != nil {
			t.Errorf("%q: %v", path, err)
			continue
		}
		msg, _ := facts["error"].(string)
		if !strings.Contains(msg, want) {
			t.Errorf("%q: error %q, want it to contain %q", path, msg, want)
		}
		if strings.Contains(msg, "evil") && !strings.Contains(want, "evil") || len(facts) != 2 {
			t.Errorf("%q: facts %v", path, facts)
		}
	}
}

// Each description is read once per run, however many documents ask at
// once, and State changes when any file it spans changes, appears,
// disappears or becomes a symlink.
func TestReaderOnceAndState(t *testing.T) {
	root := repo(t, map[string]string{"api/orders.yaml": factsDescription, "api/ops.yaml": factsOps})
	newReader := func() *Reader {
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := newReader()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := r.Describe("api/orders.yaml"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(r.states) != 2 || len(r.descs) != 1 {
		t.Errorf("%d files read, %d descriptions, want 2 and 1", len(r.states), len(r.descs))
	}
	_, files, _ := r.Describe("api/orders.yaml")
	before := r.State(files)
	if again := newReader().State(files); again != before {
		t.Error("State differs between two runs over the same files")
	}
	ops := filepath.Join(root, "api", "ops.yaml")
	change := map[string]func(){
		"edited":  func() { os.WriteFile(ops, []byte(factsOps+"# more\n"), 0o644) },
		"removed": func() { os.Remove(ops) },
		"symlink": func() { os.Remove(ops); os.Symlink("orders.yaml", ops) },
	}
	for _, name := range []string{"edited", "removed", "symlink"} {
		change[name]()
		if newReader().State(files) == before {
			t.Errorf("%s: State unchanged", name)
		}
		os.Remove(ops)
		if err := os.WriteFile(ops, []byte(factsOps), 0o644); err != nil {
			t.Fatal(err)
		}
		if newReader().State(files) != before {
			t.Errorf("%s, then restored: State changed", name)
		}
	}
	// A missing description is keyed on its absence: creating it counts.
	r = newReader()
	_, missing, _ := r.Describe("api/new.yaml")
	gone := r.State(missing)
	if err := os.WriteFile(filepath.Join(root, "api", "new.yaml"), []byte(factsDescription), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(missing) != 1 || newReader().State(missing) == gone {
		t.Errorf("files of a missing description %q: State unchanged once it exists", missing)
	}
	// Another root is another state, even over the same files.
	other, err := NewReader(context.Background(), filepath.Join(root, "api"))
	if err != nil {
		t.Fatal(err)
	}
	if other.State(files) == before {
		t.Error("State ignores the repository root")
	}
}

// fakeKnown is a manifest of file metadata (Known) that says which files
// State asked about and recorded.
type fakeKnown struct {
	mu       sync.Mutex
	digests  map[string][32]byte // what Digest answers, by path
	recorded map[string][32]byte
	asked    []string
}

func (k *fakeKnown) Digest(p string, info fs.FileInfo) ([32]byte, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.asked = append(k.asked, p)
	d, ok := k.digests[p]
	return d, ok && info.Mode().IsRegular()
}

func (k *fakeKnown) Record(p string, _ fs.FileInfo, d [32]byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.recorded[p] = d
}

// TestStateTrustsKnown: with a manifest, State records the digest of a
// file it reads and, on a later run, takes a recorded digest for the file
// instead of reading it; symlinks and missing files are never looked up.
func TestStateTrustsKnown(t *testing.T) {
	root := repo(t, map[string]string{"api/orders.yaml": factsDescription, "api/ops.yaml": factsOps, "api/link.yaml": "->orders.yaml"})
	newReader := func(k Known) *Reader {
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		if k != nil {
			r.SetKnown(k)
		}
		return r
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	orders, ops := filepath.Join(real, "api", "orders.yaml"), filepath.Join(real, "api", "ops.yaml")
	link, missing := filepath.Join(real, "api", "link.yaml"), filepath.Join(real, "api", "none.yaml")
	files := []string{link, missing, ops, orders}

	want := newReader(nil).State(files)
	first := &fakeKnown{digests: map[string][32]byte{}, recorded: map[string][32]byte{}}
	if got := newReader(first).State(files); got != want {
		t.Error("State with an empty manifest differs from State without one")
	}
	opsData, _ := os.ReadFile(ops)
	ordersData, _ := os.ReadFile(orders)
	wantRecorded := map[string][32]byte{ops: sha256.Sum256(opsData), orders: sha256.Sum256(ordersData)}
	if !reflect.DeepEqual(first.recorded, wantRecorded) {
		t.Errorf("recorded %v, want the digests of the two regular files", first.recorded)
	}
	slices.Sort(first.asked)
	if !slices.Equal(first.asked, []string{ops, orders}) {
		t.Errorf("asked about %q, want only the regular files", first.asked)
	}

	// Trusted: the recorded digests are taken as they are, so a manifest
	// that says ops.yaml held other bytes changes the state.
	second := &fakeKnown{digests: first.recorded, recorded: map[string][32]byte{}}
	if got := newReader(second).State(files); got != want {
		t.Error("State from recorded digests differs from State read")
	}
	if len(second.recorded) != 0 {
		t.Errorf("recorded %v again", second.recorded)
	}
	lying := &fakeKnown{digests: map[string][32]byte{ops: sha256.Sum256([]byte("other")), orders: wantRecorded[orders]}, recorded: map[string][32]byte{}}
	if newReader(lying).State(files) == want {
		t.Error("State read ops.yaml although the manifest knew it")
	}
}

// TestEvalSymlinksMemo: the per-directory memo answers as
// filepath.EvalSymlinks does, whatever the path holds.
func TestEvalSymlinksMemo(t *testing.T) {
	root := repo(t, map[string]string{"api/orders.yaml": factsDescription, "api/link.yaml": "->orders.yaml", "dirlink": "->api"})
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"api/orders.yaml", "api/link.yaml", "api/none.yaml", "none/x.yaml", "dirlink/orders.yaml", "api", "dirlink"} {
		p := filepath.Join(real, name)
		for range 2 { // the second time from the memo
			wantReal, wantErr := filepath.EvalSymlinks(p)
			gotReal, _, gotErr := r.evalSymlinks(p)
			if gotReal != wantReal || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("%s: %q, %v; want %q, %v", name, gotReal, gotErr, wantReal, wantErr)
			}
		}
	}
}

// PortableState is the same for two roots holding the same files with the
// same bytes, and differs when a file's bytes do; a file that is a
// symlink, or outside the root, has none.
func TestPortableState(t *testing.T) {
	files := map[string]string{"api/orders.yaml": factsDescription, "api/ops.yaml": factsOps}
	state := func(root string) ([32]byte, bool) {
		t.Helper()
		r, err := NewReader(context.Background(), root)
		if err != nil {
			t.Fatal(err)
		}
		_, read, err := r.Describe("api/orders.yaml")
		if err != nil || len(read) != 2 {
			t.Fatalf("Describe: %v, files %q", err, read)
		}
		return r.PortableState(read)
	}
	a, b := repo(t, files), repo(t, files)
	sa, ok := state(a)
	if !ok {
		t.Fatal("no PortableState for plain files below the root")
	}
	if sb, ok := state(b); !ok || sb != sa {
		t.Error("PortableState differs between two roots holding the same files")
	}
	if err := os.WriteFile(filepath.Join(b, "api", "ops.yaml"), []byte(factsOps+"# more\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if sb, ok := state(b); !ok || sb == sa {
		t.Error("PortableState unchanged once a file's bytes changed")
	}
	r, err := NewReader(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.PortableState([]string{filepath.Join(b, "api", "ops.yaml")}); ok {
		t.Error("PortableState of a file outside the root")
	}
	c := repo(t, map[string]string{"api/orders.yaml": factsDescription, "api/real.yaml": factsOps, "api/ops.yaml": "->real.yaml"})
	rc, err := NewReader(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rc.PortableState([]string{filepath.Join(rc.Root(), "api", "ops.yaml")}); ok {
		t.Error("PortableState of a symlink")
	}
}
