package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// TestStartWalk: a walk started ahead of the run finds what the run's own
// walk finds, and its notices reach the run's notice function only when
// the run takes the walk, in their order.
func TestStartWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "b.yaml", "old/c.yaml", "d.txt"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("kind: Interface\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var notices []string
	opts := Options{
		Inventory: []string{dir},
		Targets:   []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "old", "c.yaml")},
		Walk: inventory.WalkOptions{
			Exclude: []string{"old/**"},
			Base:    dir,
			Notice:  func(s string) { notices = append(notices, s) },
		},
	}
	want, wantErr := sources(opts)
	wantNotices := notices
	if len(wantNotices) == 0 {
		t.Fatal("the walk gave no notice: the test needs one")
	}
	notices = nil
	w := StartWalk(opts)
	<-w.done
	if len(notices) != 0 {
		t.Fatalf("notices before the run took the walk: %q", notices)
	}
	got, _, err := w.wait(opts.Walk.Notice)
	if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
		t.Errorf("started walk: %v, %v; want %v, %v", got, err, want, wantErr)
	}
	if !reflect.DeepEqual(notices, wantNotices) {
		t.Errorf("notices %q, want %q", notices, wantNotices)
	}
}
