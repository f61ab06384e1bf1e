package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func key(s string) Key { return Key(sha256.Sum256([]byte(s))) }

func TestPutGet(t *testing.T) {
	t.Parallel()
	s, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get(key("a")); ok {
		t.Fatal("hit in an empty cache")
	}
	s.Put(key("a"), []byte("payload a"))
	s.Put(key("b"), nil)
	if got, ok := s.Get(key("a")); !ok || string(got) != "payload a" {
		t.Errorf("Get(a) = %q, %v", got, ok)
	}
	if got, ok := s.Get(key("b")); !ok || len(got) != 0 {
		t.Errorf("Get(b) = %q, %v; want an empty payload", got, ok)
	}
	s.Put(key("a"), []byte("replaced"))
	if got, _ := s.Get(key("a")); string(got) != "replaced" {
		t.Errorf("Get(a) after a second Put = %q", got)
	}
	s.Put(key("big"), make([]byte, MaxEntry+1))
	if _, ok := s.Get(key("big")); ok {
		t.Error("an entry over MaxEntry was stored")
	}
	if st := s.Stats(); st.Hits != 3 || st.Misses != 2 || st.Failures != 0 {
		t.Errorf("stats %+v", st)
	}
}

// Whatever is in an entry's place, Get returns a miss unless it is the
// whole entry as Put wrote it.
func TestGetRejectsDamage(t *testing.T) {
	t.Parallel()
	s, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	s.Put(key("k"), []byte("the payload"))
	_, p := s.path(key("k"))
	whole, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(whole)
	flipped[len(flipped)-1] ^= 1
	cases := map[string][]byte{
		"empty":          {},
		"truncated":      whole[:len(whole)-3],
		"header only":    whole[:len(magic)+sha256.Size],
		"a flipped byte": flipped,
		"another format": append([]byte("ifacelint-cache-0\n"), whole[len(magic):]...),
		"garbage":        []byte("not an entry at all"),
	}
	for name, data := range cases {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if got, ok := s.Get(key("k")); ok {
			t.Errorf("%s: Get = %q, want a miss", name, got)
		}
	}
	// A symbolic link in an entry's place is not followed.
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(p)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get(key("k")); ok {
		t.Error("Get followed a symbolic link")
	}
}

// Close keeps the directory within its bound, dropping the least recently
// used entries first, and clears temporary files of writes that died.
func TestPrune(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const bound = 64 << 10
	s, err := Open(dir, bound)
	if err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, 4<<10)
	old := time.Now().Add(-48 * time.Hour)
	for i := range 40 { // 160 KiB
		k := key(fmt.Sprint(i))
		s.Put(k, payload)
		_, p := s.path(k)
		// The first twenty were last used two days ago.
		if i < 20 {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	stray := filepath.Join(s.Dir(), ".tmp-dead")
	if err := os.WriteFile(stray, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(stray, old, old); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if !d.IsDir() {
			info, _ := d.Info()
			total += info.Size()
		}
		return nil
	})
	if total > bound {
		t.Errorf("%d bytes left, over the %d bound", total, bound)
	}
	for i := range 40 {
		_, p := s.path(key(fmt.Sprint(i)))
		_, err := os.Stat(p)
		if kept := err == nil; i < 20 && kept {
			t.Errorf("entry %d, used two days ago, was kept while newer ones were dropped", i)
			break
		}
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("a dead temporary file was kept")
	}
	// A run that wrote nothing does not walk the directory.
	s2, _ := Open(dir, 1)
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s2.Get(key("39")); !ok {
		t.Error("a run that wrote nothing pruned")
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file, 0); err == nil {
		t.Error("Open of a regular file succeeded")
	}
	if _, err := Open("", 0); err == nil {
		t.Error("Open of no directory succeeded")
	}
}
