package cache

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// openTestPack encodes entries and opens the pack as a run does.
func openTestPack(t *testing.T, entries map[Key][]byte) *pack {
	t.Helper()
	index, payloads, ok := openPack(encodePack(entries))
	if !ok {
		t.Fatal("openPack rejected a pack encodePack wrote")
	}
	return &pack{index: index, payloads: payloads}
}

// The binary search finds every key a pack holds and none other: before
// the first, between two and after the last.
func TestPackFind(t *testing.T) {
	t.Parallel()
	entries := map[Key][]byte{}
	for _, b := range []byte{0x10, 0x30, 0x50, 0x70, 0x90} {
		entries[Key{b}] = []byte{b, b}
	}
	entries[Key{0x30, 1}] = []byte("same first byte") // differs in the second
	pk := openTestPack(t, entries)
	for k, want := range entries {
		if got, ok := pk.get(k, &arena{}); !ok || !bytes.Equal(got, want) {
			t.Errorf("get(%x) = %q, %v", k[:2], got, ok)
		}
	}
	for _, k := range []Key{{}, {0x0f}, {0x20}, {0x30, 0, 1}, {0x30, 2}, {0x60}, {0x90, 1}, {0xff}} {
		if got, ok := pk.get(k, &arena{}); ok {
			t.Errorf("get(%x), not in the pack = %q", k[:3], got)
		}
	}
	empty := openTestPack(t, map[Key][]byte{})
	if _, ok := empty.get(Key{0x10}, &arena{}); ok {
		t.Error("an empty pack holds an entry")
	}
	one := openTestPack(t, map[Key][]byte{{0x50}: nil})
	if got, ok := one.get(Key{0x50}, &arena{}); !ok || len(got) != 0 {
		t.Errorf("the empty payload of a pack of one: %q, %v", got, ok)
	}
	// Copies from one arena never overlap: appending to one leaves the
	// next whole.
	a := &arena{}
	first, _ := pk.get(Key{0x10}, a)
	second, _ := pk.get(Key{0x30}, a)
	_ = append(first, 'x')
	if !bytes.Equal(second, entries[Key{0x30}]) {
		t.Errorf("a copy was overwritten: %q", second)
	}
}

// A pack whose index is not in strictly increasing order of key (which
// the binary search needs), though its checksum holds, is rejected.
func TestPackUnsorted(t *testing.T) {
	t.Parallel()
	data := encodePack(map[Key][]byte{{1}: []byte("a"), {2}: []byte("b")})
	head := len(packMagic) + sha256.Size
	recs := data[head+4 : head+4+2*recordSize]
	for name, fix := range map[string]func([]byte){
		"swapped": func(r []byte) {
			first := slices.Clone(r[:recordSize])
			copy(r, r[recordSize:])
			copy(r[recordSize:], first)
		},
		"the same key twice": func(r []byte) { copy(r[recordSize:recordSize+32], r[:32]) },
	} {
		bad := slices.Clone(data)
		fix(bad[head+4 : head+4+len(recs)])
		sum := sha256.Sum256(bad[head : head+4+len(recs)])
		copy(bad[len(packMagic):], sum[:])
		if _, _, ok := openPack(bad); ok {
			t.Errorf("%s: openPack accepted the pack", name)
		}
	}
}

// writePackFile writes a pack of entries into the space's directory as a
// run does, named so that it sorts after those written before (its name
// starts with the time).
func writePackFile(t *testing.T, s *Store, entries map[Key][]byte) string {
	t.Helper()
	before := filesIn(t, s.Dir(), packExt)
	time.Sleep(time.Millisecond) // a later name
	if !s.Space(ns, here).writePack(entries) {
		t.Fatal("writePack failed")
	}
	for _, p := range filesIn(t, s.Dir(), packExt) {
		if !slices.Contains(before, p) {
			return p
		}
	}
	t.Fatal("no new pack")
	return ""
}

// The same key in several packs (runs at once put it): the newest pack
// whose payload's checksum holds serves it; damage to that payload falls
// back to the pack before.
func TestSameKeyInSeveralPacks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	k := key("k")
	writePackFile(t, s, map[Key][]byte{k: []byte("old payload"), key("a"): []byte("a")})
	writePackFile(t, s, map[Key][]byte{key("b"): []byte("b")})
	newest := writePackFile(t, s, map[Key][]byte{k: []byte("new payload"), key("c"): []byte("c")})
	_ = s.Close()

	s, _ = Open(dir, 0)
	if got, ok := s.Space(ns, here).Get(k); !ok || string(got) != "new payload" {
		t.Errorf("Get = %q, %v; want the newest pack's", got, ok)
	}
	for _, name := range []string{"a", "b", "c"} {
		if got, ok := s.Space(ns, here).Get(key(name)); !ok || string(got) != name {
			t.Errorf("Get(%s) = %q, %v", name, got, ok)
		}
	}
	_ = s.Close()

	data, _ := os.ReadFile(newest)
	data[bytes.Index(data, []byte("new payload"))] ^= 1
	if err := os.WriteFile(newest, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ = Open(dir, 0)
	sp := s.Space(ns, here)
	if got, ok := sp.Get(k); !ok || string(got) != "old payload" {
		t.Errorf("with the newest payload damaged: Get = %q, %v; want the older pack's", got, ok)
	}
	if got, ok := sp.Get(key("c")); !ok || string(got) != "c" {
		t.Errorf("the damaged pack's other entry: %q, %v", got, ok)
	}
	if st := s.Stats(); st.Failures != 0 || st.Hits != 2 {
		t.Errorf("stats %+v", st)
	}
}

// A pack whose index is damaged is of no use: a miss for all its keys,
// removed, and counted as a failure; the other packs serve.
func TestDamagedIndexRemoved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	good := writePackFile(t, s, map[Key][]byte{key("a"): []byte("a")})
	bad := writePackFile(t, s, map[Key][]byte{key("b"): []byte("b"), key("a"): []byte("a again")})
	_ = s.Close()
	data, _ := os.ReadFile(bad)
	data[len(packMagic)+sha256.Size+4+3] ^= 1 // a key
	if err := os.WriteFile(bad, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ = Open(dir, 0)
	sp := s.Space(ns, here)
	if got, ok := sp.Get(key("b")); ok {
		t.Errorf("an entry of a pack with a damaged index: %q", got)
	}
	if got, ok := sp.Get(key("a")); !ok || string(got) != "a" {
		t.Errorf("the good pack's entry: %q, %v", got, ok)
	}
	if st := s.Stats(); st.Failures != 1 {
		t.Errorf("stats %+v, want 1 failure", st)
	}
	if packs := filesIn(t, dir, packExt); !slices.Equal(packs, []string{good}) {
		t.Errorf("packs left %q, want only %q", packs, good)
	}
}

// A pack another run removes (compaction, pruning) or replaces after this
// run opened it still serves this run whole; after Close the space reads
// as empty rather than touch what it unmapped, and the payloads Get
// returned stay whole.
func TestPackRemovedWhileOpen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	want := map[Key][]byte{}
	for _, name := range []string{"a", "b", "c", "d"} {
		want[key(name)] = bytes.Repeat([]byte(name), 5000) // more than a page
	}
	p := writePackFile(t, s, want)
	_ = s.Close()

	s, _ = Open(dir, 0)
	sp := s.Space(ns, here)
	if _, ok := sp.Get(key("a")); !ok {
		t.Fatal("miss before the pack went")
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	// Another run's pack in its place, under another name.
	writePackFile(t, s, map[Key][]byte{key("e"): []byte("e")})
	for k, payload := range want {
		if got, ok := sp.Get(k); !ok || !bytes.Equal(got, payload) {
			t.Errorf("after the pack was removed: Get = %.10q, %v", got, ok)
		}
	}
	kept, _ := sp.Get(key("c"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got, ok := sp.Get(key("b")); ok {
		t.Errorf("Get after Close = %.10q; want a miss", got)
	}
	// What Get returned is the caller's: a copy, still whole once the
	// pack is unmapped.
	if !bytes.Equal(kept, want[key("c")]) {
		t.Errorf("a payload after Close = %.10q", kept)
	}
}

// A pack truncated in place under the run (no run of ifacelint does that;
// something else might) gives misses or whole entries, never a crash: on a
// mapped pack, the fault is caught.
func TestPackTruncatedWhileOpen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	want := map[Key][]byte{}
	for _, name := range []string{"a", "b", "c", "d"} {
		want[key(name)] = bytes.Repeat([]byte(name), 5000)
	}
	p := writePackFile(t, s, want)
	_ = s.Close()

	s, _ = Open(dir, 0)
	sp := s.Space(ns, here)
	if _, ok := sp.Get(key("a")); !ok {
		t.Fatal("miss before the pack was truncated")
	}
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	for k, payload := range want {
		if got, ok := sp.Get(k); ok && !bytes.Equal(got, payload) {
			t.Errorf("after the pack was truncated: Get = %.10q", got)
		}
	}
	_ = s.Close()
}

// The manifest's binary search finds every path it holds and none other.
func TestManifestFind(t *testing.T) {
	t.Parallel()
	records := map[string]Record{}
	for i, p := range []string{"a.yaml", "b/c.yaml", "b/c.yaml.bak", "b/d.yaml", "é.yaml", ""} {
		records[p] = Record{Stat: Stat{Size: int64(i), Mtime: 2, Ctime: 3, Ino: 4, Dev: 5}, Digest: key(p)}
	}
	start := time.Unix(100, 5)
	m, ok := openManifest(encodeManifest(records, start))
	if !ok {
		t.Fatal("openManifest rejected a manifest encodeManifest wrote")
	}
	if m.len() != len(records) || !m.written.Equal(start) {
		t.Errorf("%d records written at %v", m.len(), m.written)
	}
	for p, want := range records {
		if _, got, ok := m.find(p); !ok || got != want {
			t.Errorf("find(%q) = %+v, %v; want %+v", p, got, ok, want)
		}
	}
	for _, p := range []string{"0", "a", "a.yaml ", "b/c", "b/c.yaml.", "b/c.yamm", "b/e.yaml", "z", "éé"} {
		if _, got, ok := m.find(p); ok {
			t.Errorf("find(%q), not in the manifest = %+v", p, got)
		}
	}
	empty, ok := openManifest(encodeManifest(nil, start))
	if !ok || empty.len() != 0 {
		t.Fatal("an empty manifest")
	}
	if _, _, ok := empty.find("a.yaml"); ok {
		t.Error("an empty manifest holds a record")
	}
	var none *manifest // no manifest read
	if _, _, ok := none.find("a.yaml"); ok || none.len() != 0 {
		t.Error("no manifest holds a record")
	}
	// Out of order, though its checksum holds: rejected.
	data := encodeManifest(map[string]Record{"a": {}, "b": {}}, start)
	at := bytes.LastIndex(data, []byte("b"))
	data[at] = 'A'
	head := len(manifestMagic) + sha256.Size
	sum := sha256.Sum256(data[head:])
	copy(data[len(manifestMagic):], sum[:])
	if _, ok := openManifest(data); ok {
		t.Error("openManifest accepted records out of order")
	}
	if _, ok := openManifest(data[:len(data)-1]); ok {
		t.Error("openManifest accepted a truncated manifest")
	}
}

// A warm run that records what the manifest holds, unchanged, does not
// rewrite it; one that sees fewer files does.
func TestManifestRewrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	old := time.Now().Add(-time.Hour).UnixNano()
	st := Stat{Size: 1, Mtime: old, Ctime: old, Ino: 1, Dev: 1}
	for _, p := range []string{"a", "b"} {
		s.Space(ns, here).Record(p, st, key(p))
	}
	s = reopen(t, s)
	m := filepath.Join(s.Space(ns, here).manifest)
	info, err := os.Stat(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a", "b"} {
		d, ok := s.Space(ns, here).Digest(p, st)
		if !ok {
			t.Fatalf("Digest(%s): not known", p)
		}
		s.Space(ns, here).Record(p, st, d)
	}
	s = reopen(t, s)
	if again, err := os.Stat(m); err != nil || !os.SameFile(info, again) {
		t.Error("an unchanged manifest was rewritten")
	}
	s.Space(ns, here).Record("a", st, key("a"))
	s = reopen(t, s)
	if again, err := os.Stat(m); err != nil || os.SameFile(info, again) {
		t.Error("a manifest that lost a file was not rewritten")
	}
	if _, ok := s.Space(ns, here).Digest("b", st); ok {
		t.Error("the file the last run did not see kept its record")
	}
	// A run that records only files the manifest does not hold.
	s.Space(ns, here).Record("c", st, key("c"))
	s = reopen(t, s)
	if _, ok := s.Space(ns, here).Digest("a", st); ok {
		t.Error("a file the last run did not see kept its record")
	}
	if _, ok := s.Space(ns, here).Digest("c", st); !ok {
		t.Error("a new file was not recorded")
	}
	// The same file recorded twice: the last record wins, either way.
	changed := st
	changed.Size++
	sp := s.Space(ns, here)
	sp.Record("c", changed, key("changed c"))
	sp.Record("c", st, key("c"))
	sp.Record("d", st, key("d"))
	sp.Record("d", changed, key("changed d"))
	s = reopen(t, s)
	sp = s.Space(ns, here)
	if d, ok := sp.Digest("c", st); !ok || d != key("c") {
		t.Errorf("c recorded changed, then unchanged: %v", ok)
	}
	if d, ok := sp.Digest("d", changed); !ok || d != key("changed d") {
		t.Errorf("d recorded, then changed: %v", ok)
	}
	sp.Record("c", st, key("c"))
	sp.Record("c", changed, key("changed c"))
	sp.Record("d", changed, key("changed d"))
	s = reopen(t, s)
	if d, ok := s.Space(ns, here).Digest("c", changed); !ok || d != key("changed c") {
		t.Errorf("c recorded unchanged, then changed: %v", ok)
	}
}

// A pack of no entries (valid, if no run writes one) is a miss for every
// key, neither damaged nor removed, and the other packs serve.
func TestEmptyPack(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _ := Open(dir, 0)
	writePackFile(t, s, map[Key][]byte{key("a"): []byte("a")})
	empty := writePackFile(t, s, map[Key][]byte{})
	_ = s.Close()
	s, _ = Open(dir, 0)
	sp := s.Space(ns, here)
	if got, ok := sp.Get(key("a")); !ok || string(got) != "a" {
		t.Errorf("Get(a) beside an empty pack = %q, %v", got, ok)
	}
	if got, ok := sp.Get(key("b")); ok {
		t.Errorf("Get(b) = %q", got)
	}
	_ = s.Close()
	if st := s.Stats(); st.Failures != 0 {
		t.Errorf("stats %+v: an empty pack counted as damaged", st)
	}
	if _, err := os.Stat(empty); err != nil {
		t.Error("the empty pack was removed")
	}
}
