package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

func TestBuildSortsAndCounts(t *testing.T) {
	t.Parallel()
	f := Build([]Finding{
		{Rule: "b/r", Kind: "Interface", ID: "z", Path: "spec.x", File: "b.yaml"},
		{Rule: "a/r", Kind: "Interface", ID: "a", Path: "spec.y", File: "a.yaml"},
		{Rule: "b/r", Kind: "Interface", ID: "z", Path: "spec.x", File: "b.yaml"},
		{Rule: "schema/invalid", File: "a.yaml", FileLevel: true},
	})
	got := string(f.Marshal())
	want := `{
  "version": 1,
  "entries": [
    {
      "rule": "schema/invalid",
      "kind": null,
      "id": null,
      "path": "",
      "file": "a.yaml",
      "count": 1
    },
    {
      "rule": "a/r",
      "kind": "Interface",
      "id": "a",
      "path": "spec.y",
      "file": "a.yaml",
      "count": 1
    },
    {
      "rule": "b/r",
      "kind": "Interface",
      "id": "z",
      "path": "spec.x",
      "file": "b.yaml",
      "count": 2
    }
  ]
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	base := Build([]Finding{
		{Rule: "r", Kind: "Interface", ID: "a", Path: "spec.x", File: "a.yaml"},
		{Rule: "r", Kind: "Interface", ID: "a", Path: "spec.x", File: "a.yaml"},
		{Rule: "gone", Kind: "Interface", ID: "a", Path: "spec.y", File: "a.yaml"},
		{Rule: "schema/invalid", File: "bad.yaml", FileLevel: true},
	})
	m := base.NewMatcher(nil)
	f := Finding{Rule: "r", Kind: "Interface", ID: "a", Path: "spec.x", File: "moved/a.yaml"}
	if !m.Match(f) || !m.Match(f) {
		t.Fatal("the first two findings should match, wherever the document moved")
	}
	if m.Match(f) {
		t.Fatal("a third finding beyond count must be reported")
	}
	if m.Match(Finding{Rule: "r", Kind: "Interface", ID: "b", Path: "spec.x"}) {
		t.Fatal("another document must not match")
	}
	if !m.Match(Finding{Rule: "schema/invalid", File: "bad.yaml", FileLevel: true}) {
		t.Fatal("file-level findings match on rule and file")
	}
	if got := m.Stale(nil); got != 1 {
		t.Errorf("stale = %d, want 1 (the gone entry)", got)
	}
	if got := m.Stale(func(string) bool { return false }); got != 0 {
		t.Errorf("stale out of scope = %d, want 0", got)
	}
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := map[string]string{
		`{"version": 2, "entries": []}`:                          "version 2, want 1",
		`{"version": 1, "entries": [{"rule": "r", "count": 0}]}`: "entry 1 is incomplete",
		`{"version": 1, "entries": [], "extra": 1}`:              "not a baseline file",
		`[1, 2]`: "not a baseline file",
	}
	for content, want := range tests {
		p := filepath.Join(dir, "b.json")
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s) = %v, want %q", content, err, want)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "b.json")
	b := Build([]Finding{{Rule: "r", Kind: "Interface", ID: "a", Path: `metadata.labels["a.b"]`, File: "a.yaml"}})
	if err := b.Write(p, &safefile.Guard{}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Marshal()) != string(b.Marshal()) {
		t.Error("round trip changed the file")
	}
}

func TestReadRefusesSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "is a named pipe (FIFO), not a regular file",
		zero:        "is a symlink",
		"/dev/zero": "is a character device, not a regular file",
	} {
		if _, err := Read(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s) = %v, want %q", path, err, want)
		}
	}
}
