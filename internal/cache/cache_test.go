package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func key(s string) Key { return Key(sha256.Sum256([]byte(s))) }

var ns, here = key("run"), key("working directory")

// reopen closes s (writing its pack and manifest) and opens the directory
// again, as the next run does.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(filepath.Dir(s.Dir()), s.maxBytes)
	if err != nil {
		t.Fatal(err)
	}
	return s2
}

// filesIn lists the files of a directory tree whose names end with suffix.
func filesIn(t *testing.T, dir, suffix string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error {
		if d != nil && !d.IsDir() && strings.HasSuffix(d.Name(), suffix) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestPutGet(t *testing.T) {
	t.Parallel()
	s, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	sp := s.Space(ns, here)
	if _, ok := sp.Get(key("a")); ok {
		t.Fatal("hit in an empty cache")
	}
	sp.Put(key("a"), []byte("payload a"))
	sp.Put(key("b"), nil)
	if got, ok := sp.Get(key("a")); !ok || string(got) != "payload a" {
		t.Errorf("Get(a) in the run that put it = %q, %v", got, ok)
	}
	sp.Put(key("big"), make([]byte, MaxEntry+1))
	s = reopen(t, s)
	sp = s.Space(ns, here)
	if got, ok := sp.Get(key("a")); !ok || string(got) != "payload a" {
		t.Errorf("Get(a) = %q, %v", got, ok)
	}
	if got, ok := sp.Get(key("b")); !ok || len(got) != 0 {
		t.Errorf("Get(b) = %q, %v; want an empty payload", got, ok)
	}
	sp.Put(key("a"), []byte("replaced"))
	if got, _ := sp.Get(key("a")); string(got) != "replaced" {
		t.Errorf("Get(a) after a second Put = %q", got)
	}
	if _, ok := sp.Get(key("big")); ok {
		t.Error("an entry over MaxEntry was stored")
	}
	if _, ok := s.Space(key("another run"), here).Get(key("a")); ok {
		t.Error("another space sees this one's entries")
	}
	if st := s.Stats(); st.Hits != 3 || st.Misses != 2 || st.Failures != 0 {
		t.Errorf("stats %+v", st)
	}
	s = reopen(t, s)
	if got, _ := s.Space(ns, here).Get(key("a")); string(got) != "replaced" {
		t.Errorf("Get(a) after a second Put, next run = %q", got)
	}
	if n := len(filesIn(t, s.Dir(), packExt)); n != 2 {
		t.Errorf("%d packs after two runs that wrote, want 2", n)
	}
}

// Whatever is in a pack's place, Get returns a miss unless it is the whole
// entry as Put wrote it; damage to one entry's payload costs only that
// entry.
func TestGetRejectsDamage(t *testing.T) {
	t.Parallel()
	fill := func(t *testing.T) (dir, pack string) {
		dir = t.TempDir()
		s, _ := Open(dir, 0)
		sp := s.Space(ns, here)
		sp.Put(key("k"), []byte("the payload"))
		sp.Put(key("other"), []byte("another payload"))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		packs := filesIn(t, dir, packExt)
		if len(packs) != 1 {
			t.Fatalf("%d packs", len(packs))
		}
		return dir, packs[0]
	}
	_, p := fill(t)
	whole, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(whole, []byte("the payload"))
	flipped := bytes.Clone(whole)
	flipped[at] ^= 1
	index := bytes.Clone(whole)
	index[len(packMagic)+sha256.Size+4+40] ^= 1 // a length
	cases := map[string][]byte{
		"empty":           {},
		"truncated":       whole[:len(whole)-3],
		"header only":     whole[:len(packMagic)+sha256.Size],
		"a flipped byte":  flipped,
		"a damaged index": index,
		"another format":  append([]byte("ifacelint-pack-1\n"), whole[len(packMagic):]...),
		"garbage":         []byte("not a pack at all"),
	}
	for name, data := range cases {
		dir, p := fill(t)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, _ := Open(dir, 0)
		if got, ok := s.Space(ns, here).Get(key("k")); ok {
			t.Errorf("%s: Get = %q, want a miss", name, got)
		}
		_, other := s.Space(ns, here).Get(key("other"))
		if want := name == "a flipped byte"; other != want {
			t.Errorf("%s: the other entry read as a hit: %v, want %v", name, other, want)
		}
	}
	// A symbolic link in a pack's place is not followed.
	dir, p := fill(t)
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(p)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
	s, _ := Open(dir, 0)
	if _, ok := s.Space(ns, here).Get(key("k")); ok {
		t.Error("Get followed a symbolic link")
	}
}

// The manifest gives a file's digest only while its metadata is what was
// recorded and it had settled (changed more than Racy before the run that
// recorded it): a file changed in the same tick as it was read would
// otherwise look unchanged.
func TestManifest(t *testing.T) {
	t.Parallel()
	s, _ := Open(t.TempDir(), 0)
	sp := s.Space(ns, here)
	now := time.Now().UnixNano()
	old := time.Now().Add(-time.Hour).UnixNano()
	settled := Stat{Size: 10, Mtime: old, Ctime: old, Ino: 7, Dev: 1}
	racy := Stat{Size: 10, Mtime: now, Ctime: now, Ino: 8, Dev: 1}
	changedLately := Stat{Size: 10, Mtime: old, Ctime: now, Ino: 9, Dev: 1} // chmod, or an mtime set back
	sp.Record("settled.yaml", settled, key("settled"))
	sp.Record("racy.yaml", racy, key("racy"))
	sp.Record("changed.yaml", changedLately, key("changed"))
	if _, ok := sp.Digest("settled.yaml", settled); ok {
		t.Error("the run that records a file reads its digest from the manifest")
	}
	s = reopen(t, s)
	sp = s.Space(ns, here)
	if d, ok := sp.Digest("settled.yaml", settled); !ok || d != key("settled") {
		t.Errorf("settled file: %x, %v", d, ok)
	}
	if _, ok := sp.Digest("racy.yaml", racy); ok {
		t.Error("a file changed as it was read was trusted by its metadata")
	}
	if _, ok := sp.Digest("changed.yaml", changedLately); ok {
		t.Error("a file whose status changed as it was read was trusted by its metadata")
	}
	for name, st := range map[string]Stat{
		"size":  {Size: 11, Mtime: old, Ctime: old, Ino: 7, Dev: 1},
		"mtime": {Size: 10, Mtime: old + 1, Ctime: old, Ino: 7, Dev: 1},
		"ctime": {Size: 10, Mtime: old, Ctime: old + 1, Ino: 7, Dev: 1},
		"inode": {Size: 10, Mtime: old, Ctime: old, Ino: 70, Dev: 1},
		"dev":   {Size: 10, Mtime: old, Ctime: old, Ino: 7, Dev: 2},
	} {
		if _, ok := sp.Digest("settled.yaml", st); ok {
			t.Errorf("another %s: the recorded digest was given", name)
		}
	}
	if _, ok := sp.Digest("other.yaml", settled); ok {
		t.Error("another path: the recorded digest was given")
	}
	if _, ok := s.Space(ns, key("elsewhere")).Digest("settled.yaml", settled); ok {
		t.Error("another working directory's manifest was used")
	}
	if st := s.Stats(); st.Known != 1 {
		t.Errorf("stats %+v, want 1 known", st)
	}
	// The next manifest holds the files its run saw: the settled file
	// keeps its record, a file not seen loses it.
	sp.Record("settled.yaml", settled, key("settled"))
	sp.Record("racy.yaml", racy, key("racy"))
	time.Sleep(10 * time.Millisecond)
	s = reopen(t, s)
	sp = s.Space(ns, here)
	if _, ok := sp.Digest("settled.yaml", settled); !ok {
		t.Error("the settled file lost its record")
	}
	if _, ok := sp.Digest("changed.yaml", changedLately); ok {
		t.Error("a file the last run did not see kept its record")
	}
	// Damaged: ignored.
	for _, m := range filesIn(t, s.Dir(), "") {
		if strings.HasPrefix(filepath.Base(m), manifestPrefix) {
			data, _ := os.ReadFile(m)
			data[len(data)-1] ^= 1
			_ = os.WriteFile(m, data, 0o600)
		}
	}
	s2, _ := Open(filepath.Dir(s.Dir()), 0)
	if _, ok := s2.Space(ns, here).Digest("settled.yaml", settled); ok {
		t.Error("a damaged manifest was used")
	}
}

// A space with many packs is compacted by the next run that writes: one
// pack with every entry that run used or kept and those it put.
func TestCompaction(t *testing.T) {
	t.Parallel()
	s, _ := Open(t.TempDir(), 0)
	for i := range maxPacks {
		s.Space(ns, here).Put(key(fmt.Sprint(i)), []byte(fmt.Sprint("payload ", i)))
		s = reopen(t, s)
	}
	if n := len(filesIn(t, s.Dir(), packExt)); n != maxPacks {
		t.Fatalf("%d packs, want %d", n, maxPacks)
	}
	sp := s.Space(ns, here)
	for i := range maxPacks - 2 { // all but the last two used, one kept
		if got, ok := sp.Get(key(fmt.Sprint(i))); !ok || string(got) != fmt.Sprint("payload ", i) {
			t.Fatalf("Get(%d) = %q, %v", i, got, ok)
		}
	}
	sp.Keep(key(fmt.Sprint(maxPacks - 2)))
	sp.Put(key("new"), []byte("new payload"))
	s = reopen(t, s)
	if n := len(filesIn(t, s.Dir(), packExt)); n != 1 {
		t.Errorf("%d packs after compaction, want 1", n)
	}
	sp = s.Space(ns, here)
	for i := range maxPacks - 1 {
		if _, ok := sp.Get(key(fmt.Sprint(i))); !ok {
			t.Errorf("entry %d, used or kept, was dropped", i)
		}
	}
	if _, ok := sp.Get(key("new")); !ok {
		t.Error("the entry put was dropped")
	}
	if _, ok := sp.Get(key(fmt.Sprint(maxPacks - 1))); ok {
		t.Error("an entry the compacting run did not use was kept")
	}
}

// Runs at once on one directory, each reading and writing, only ever see
// whole entries.
func TestConcurrentRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var wg sync.WaitGroup
	for r := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				s, err := Open(dir, 0)
				if err != nil {
					t.Error(err)
					return
				}
				sp := s.Space(ns, here)
				for i := range 20 {
					k := key(fmt.Sprint(i))
					if got, ok := sp.Get(k); ok && string(got) != fmt.Sprint("payload ", i) {
						t.Errorf("run %d round %d: Get(%d) = %q", r, round, i, got)
					}
					sp.Put(k, []byte(fmt.Sprint("payload ", i)))
					sp.Record(fmt.Sprint("file", i), Stat{Size: int64(i)}, k)
				}
				if err := s.Close(); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	s, _ := Open(dir, 0)
	if st := s.Stats(); st.Failures != 0 {
		t.Errorf("failures: %+v", st)
	}
	for i := range 20 {
		if got, ok := s.Space(ns, here).Get(key(fmt.Sprint(i))); !ok || string(got) != fmt.Sprint("payload ", i) {
			t.Errorf("after the runs: Get(%d) = %q, %v", i, got, ok)
		}
	}
}

// Close keeps the directory within its bound, dropping the least recently
// used packs first (and a space left without packs with them), and clears
// temporary files of writes that died.
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
	for i := range 40 { // 160 KiB, a space each
		space := key(fmt.Sprint("run ", i))
		s.Space(space, here).Put(key(fmt.Sprint(i)), payload)
		s.Space(space, here).Record("f.yaml", Stat{Size: 1}, key("f"))
		s = reopen(t, s)
		// The first twenty were last used two days ago.
		if i < 20 {
			for _, p := range filesIn(t, dir, packExt) {
				if info, _ := os.Stat(p); info.ModTime().After(old) {
					if err := os.Chtimes(p, old, old); err != nil {
						t.Fatal(err)
					}
				}
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
	s.Space(key("last"), here).Put(key("last"), payload)
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
	s, _ = Open(dir, bound)
	for i := range 40 {
		_, kept := s.Space(key(fmt.Sprint("run ", i)), here).Get(key(fmt.Sprint(i)))
		if i < 20 && kept {
			t.Errorf("entry %d, used two days ago, was kept while newer ones were dropped", i)
			break
		}
	}
	if n, m := len(filesIn(t, dir, packExt)), len(filesIn(t, dir, "")); m > 2*n {
		t.Errorf("%d files for %d packs: spaces without packs kept their manifests", m, n)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("a dead temporary file was kept")
	}
	// A run that wrote nothing does not walk the directory.
	s2, _ := Open(dir, 1)
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s2.Space(key("last"), here).Get(key("last")); !ok {
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

// A run that puts more than packChunk writes a pack then, so that what it
// holds in memory stays bounded; every entry is there for the next run.
func TestPackChunks(t *testing.T) {
	t.Parallel()
	s, _ := Open(t.TempDir(), 0)
	sp := s.Space(ns, here)
	big := bytes.Repeat([]byte("x"), packChunk/3+1)
	for i := range 4 {
		sp.Put(key(fmt.Sprint(i)), big)
	}
	if n := len(filesIn(t, s.Dir(), packExt)); n != 1 {
		t.Errorf("%d packs written before Close, want 1", n)
	}
	s = reopen(t, s)
	if n := len(filesIn(t, s.Dir(), packExt)); n != 2 {
		t.Errorf("%d packs after Close, want 2", n)
	}
	for i := range 4 {
		if got, ok := s.Space(ns, here).Get(key(fmt.Sprint(i))); !ok || !bytes.Equal(got, big) {
			t.Errorf("entry %d: %v", i, ok)
		}
	}
}

func TestNoManifest(t *testing.T) {
	t.Parallel()
	s, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	sp := s.Space(ns, NoManifest)
	sp.Record("inventory/a.yaml", Stat{Size: 3}, [32]byte{1})
	sp.Put(key("a"), []byte("payload a"))
	s = reopen(t, s)
	if got := filesIn(t, s.Dir(), ""); len(got) == 0 {
		t.Fatal("no pack written")
	}
	for _, f := range filesIn(t, s.Dir(), "") {
		if strings.HasPrefix(filepath.Base(f), manifestPrefix) {
			t.Errorf("a space without a manifest wrote %s", f)
		}
	}
	if _, ok := s.Space(ns, NoManifest).Digest("inventory/a.yaml", Stat{Size: 3}); ok {
		t.Error("a space without a manifest knows a file")
	}
	if got, ok := s.Space(ns, NoManifest).Get(key("a")); !ok || string(got) != "payload a" {
		t.Errorf("Get(a) = %q, %v", got, ok)
	}
}

// Two spaces of one run key seen from two working directories (lint
// --base: the work tree's and the base's) share their packs: they write
// one pack together, and a compaction keeps what either used.
func TestSpacesShareCompaction(t *testing.T) {
	t.Parallel()
	s, _ := Open(t.TempDir(), 0)
	for i := range maxPacks {
		s.Space(ns, here).Put(key(fmt.Sprint(i)), []byte(fmt.Sprint("payload ", i)))
		s = reopen(t, s)
	}
	head, base := s.Space(ns, here), s.Space(ns, NoManifest)
	if _, ok := head.Get(key("0")); !ok {
		t.Fatal("entry 0 missing")
	}
	base.Keep(key("1"))
	if _, ok := base.Get(key("2")); !ok {
		t.Fatal("entry 2 missing")
	}
	head.Put(key("head"), []byte("head payload"))
	base.Put(key("base"), []byte("base payload"))
	s = reopen(t, s)
	if n := len(filesIn(t, s.Dir(), packExt)); n != 1 {
		t.Errorf("%d packs after the compaction, want 1", n)
	}
	sp := s.Space(ns, here)
	for _, k := range []string{"0", "1", "2", "head", "base"} {
		if _, ok := sp.Get(key(k)); !ok {
			t.Errorf("entry %s, used, kept or put by one of the spaces, was dropped", k)
		}
	}
	if _, ok := sp.Get(key("3")); ok {
		t.Error("an entry neither space used was kept")
	}
	// Only one of them writes: its compaction keeps what the other used.
	for i := range maxPacks - 1 {
		s.Space(ns, here).Put(key(fmt.Sprint("more", i)), []byte("more"))
		s = reopen(t, s)
	}
	head, base = s.Space(ns, here), s.Space(ns, NoManifest)
	if _, ok := base.Get(key("base")); !ok {
		t.Fatal("entry base missing")
	}
	head.Put(key("head 2"), []byte("head payload"))
	s = reopen(t, s)
	if n := len(filesIn(t, s.Dir(), packExt)); n != 1 {
		t.Errorf("%d packs after the second compaction, want 1", n)
	}
	if _, ok := s.Space(ns, here).Get(key("base")); !ok {
		t.Error("the compaction by one space dropped what the other used")
	}
}
