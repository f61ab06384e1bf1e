package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxPacks is how many packs a space may hold before a run that writes
// compacts them: its new pack then holds every entry the run used, and
// the packs it read are removed.
const maxPacks = 4

// Space is the part of the cache of one kind of run (its key, ns), seen
// from one working directory (where): the packs of entries, opened when
// the space is first used (mapped, not read: openFile) and searched by key
// on each lookup, and the manifest of the files read. Its methods are safe
// for concurrent use, until Store.Close ends the run.
type Space struct {
	store    *Store
	dir      string
	manifest string // its path
	start    time.Time

	once  sync.Once
	packs []*pack   // read, oldest first (their names start with the time)
	known *manifest // the manifest read; nil when there was none
	// compacts is set when the space holds so many packs that the run
	// compacts them if it writes (flush): then it notes which entries it
	// used.
	compacts bool
	arena    arena // what payloads read from the packs are copied into

	mu      sync.Mutex
	used    map[Key]bool
	put     map[Key][]byte
	putSize int // bytes in put
	// The manifest to write: the records of the one read that the run
	// recorded again unchanged (by index: bits set in seen, nseen of
	// them), and the others. A warm run over unchanged files only sets
	// bits.
	seen    []uint64
	nseen   int
	records map[string]Record
	dirty   bool // the manifest to write differs from the one read
}

// Record is what a manifest keeps of a file: its metadata when it was
// read, and the SHA-256 of what was read.
type Record struct {
	Stat   Stat
	Digest [32]byte
}

// Space returns the space of the runs keyed ns, with the manifest of the
// working directory where. Nothing is read before the space is used.
// NoManifest as where gives a space without a manifest: every file is
// read, and no manifest is written (a directory that lives for one run,
// such as the mirror of a base revision, would add one per run).
func (s *Store) Space(ns, where Key) *Space {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sp, ok := s.spaces[[2]Key{ns, where}]; ok {
		return sp
	}
	dir := filepath.Join(s.dir, hex.EncodeToString(ns[:]))
	manifest := ""
	if where != NoManifest {
		manifest = filepath.Join(dir, manifestPrefix+hex.EncodeToString(where[:]))
	}
	sp := &Space{
		manifest: manifest,
		store:    s, dir: dir,
		// Before any file is looked at: a file changed after this within
		// its timestamps' granularity is caught by Digest's margin.
		start: s.now(),
		used:  map[Key]bool{}, put: map[Key][]byte{}, records: map[string]Record{},
	}
	s.spaces[[2]Key{ns, where}] = sp
	return sp
}

// load opens the space's packs and reads its manifest, once.
func (sp *Space) load() {
	sp.once.Do(func() {
		// Read whole, not mapped: it is smaller, and no payload of it
		// outlives the run.
		if sp.manifest == "" {
			// no manifest: every file is read
		} else if data, _, err := openFile(sp.manifest, maxManifest, false); err == nil {
			sp.known, _ = openManifest(data)
			sp.seen = make([]uint64, (sp.known.len()+63)/64)
		}
		names, err := os.ReadDir(sp.dir)
		if err != nil {
			return
		}
		for _, e := range names {
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), packExt) {
				continue
			}
			p := filepath.Join(sp.dir, e.Name())
			data, release, err := openFile(p, maxPack, true)
			if err != nil {
				continue // removed by another run meanwhile, or unreadable
			}
			pk := &pack{path: p, release: release}
			if !guard(func() (ok bool) { pk.index, pk.payloads, ok = openPack(data); return ok }) {
				// Damaged: of no use to any run. (Packs are renamed into
				// place whole, so this is no write in progress.)
				if release != nil {
					release()
				}
				sp.store.failures.Add(1)
				_ = os.Remove(p)
				continue
			}
			sp.packs = append(sp.packs, pk)
			touch(p)
		}
		sp.compacts = len(sp.packs) >= maxPacks
	})
}

// release unmaps the space's packs (what Get returned are copies, which
// stay). The space then reads as empty.
func (sp *Space) release() {
	for _, pk := range sp.packs {
		if pk.release != nil {
			pk.release()
		}
	}
	sp.packs = nil
}

// lookup returns a copy of the payload of the newest pack that holds k
// with a checksum that holds.
func (sp *Space) lookup(k Key) ([]byte, bool) {
	for i := len(sp.packs) - 1; i >= 0; i-- {
		if payload, ok := sp.packs[i].get(k, &sp.arena); ok {
			return payload, true
		}
	}
	return nil, false
}

// Digest returns the digest the manifest records for path, when the file's
// metadata now is what it was when it was read, and that was longer ago
// than the file system could tell apart: a file changed in the same tick
// as the run that recorded it read it would look unchanged ("racily
// clean", as git calls it), so such a file is read again.
func (sp *Space) Digest(path string, st Stat) ([32]byte, bool) {
	sp.load()
	_, rec, ok := sp.known.find(path)
	if !ok || rec.Stat != st || !st.settled(sp.known.written) {
		return [32]byte{}, false
	}
	sp.store.known.Add(1)
	return rec.Digest, true
}

// Record notes, for the manifest this run writes, that the file at path
// had the metadata st when it was opened and that what was read from it
// has the digest. st must be from before the read (fstat of the file
// read).
func (sp *Space) Record(path string, st Stat, digest [32]byte) {
	sp.load()
	rec := Record{Stat: st, Digest: digest}
	i, old, ok := sp.known.find(path)
	same := ok && old == rec && st.settled(sp.known.written)
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if ok {
		w, bit := i/64, uint64(1)<<(i%64)
		switch had := sp.seen[w]&bit != 0; {
		case same && !had:
			sp.seen[w] |= bit
			sp.nseen++
		case !same && had:
			sp.seen[w] &^= bit
			sp.nseen--
		}
	}
	if same {
		delete(sp.records, path) // recorded differently before: this record wins
		return
	}
	sp.records[path] = rec
	sp.dirty = true // new, changed, or not yet trusted
}

// Get returns the payload stored under k, or false, and counts a hit or a
// miss (Stats). The payload must not be modified. It is the caller's for
// as long as it likes: a copy, never part of a pack's mapping.
func (sp *Space) Get(k Key) ([]byte, bool) { return sp.get(k, true) }

// Peek is Get without counting: for a payload that may not serve (its
// caller then Gets another), which counts as a hit only once it serves
// (Hit).
func (sp *Space) Peek(k Key) ([]byte, bool) { return sp.get(k, false) }

// Hit counts a hit for a payload Peek returned that served.
func (sp *Space) Hit() { sp.store.hits.Add(1) }

func (sp *Space) get(k Key, count bool) ([]byte, bool) {
	sp.load()
	sp.mu.Lock()
	payload, ok := sp.put[k]
	sp.mu.Unlock()
	if !ok {
		payload, ok = sp.lookup(k)
	}
	if !ok {
		if count {
			sp.store.misses.Add(1)
		}
		return nil, false
	}
	if count {
		sp.store.hits.Add(1)
	}
	if sp.compacts {
		sp.mu.Lock()
		sp.used[k] = true
		sp.mu.Unlock()
	}
	return payload, true
}

// Compacts reports whether a compaction by this run may follow, which
// keeps only the entries it used (Keep): false when Keep would note
// nothing.
func (sp *Space) Compacts() bool {
	sp.load()
	return sp.compacts
}

// Keep marks the entry under k as used without reading it, so that a
// compaction keeps it: an entry this run did not need, whose companion it
// read.
func (sp *Space) Keep(k Key) {
	sp.load()
	if !sp.compacts {
		return
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	sp.used[k] = true
}

// Put stores payload under k, in the pack Close writes. It never fails the
// run: a payload over MaxEntry is not stored.
func (sp *Space) Put(k Key, payload []byte) {
	if len(payload) > MaxEntry {
		return
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	sp.put[k] = slices.Clone(payload)
	sp.putSize += len(payload)
	if sp.putSize >= packChunk { // a pack now, so memory stays bounded
		sp.writePack(sp.put)
		sp.put, sp.putSize = map[Key][]byte{}, 0
	}
}

// flush writes the pack of the entries put, and the manifest if it
// changed. With too many packs, the new pack takes every entry the run
// used and the packs read are removed: another run that reads them
// meanwhile finds fewer entries, never wrong ones.
func (sp *Space) flush() {
	sp.load()
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if n := sp.nseen + len(sp.records); sp.manifest != "" && (sp.dirty || n != sp.known.len() && n > 0) {
		sp.writeManifest()
	}
	if len(sp.put) == 0 {
		return
	}
	all := sp.put
	compact := sp.compacts
	if compact {
		all = make(map[Key][]byte, len(sp.used)+len(sp.put))
		for k := range sp.used {
			if payload, ok := sp.lookup(k); ok {
				all[k] = payload
			}
		}
		for k, payload := range sp.put {
			all[k] = payload
		}
	}
	if sp.writePack(all) && compact {
		for _, pk := range sp.packs {
			_ = os.Remove(pk.path)
		}
	}
}

// writePack writes a pack of entries.
func (sp *Space) writePack(entries map[Key][]byte) bool {
	data := encodePack(entries)
	if !sp.write(data, packPrefix, packExt) {
		return false
	}
	sp.store.wrote.Add(int64(len(data)))
	return true
}

func (sp *Space) writeManifest() {
	all := make(map[string]Record, sp.nseen+len(sp.records))
	for i := range sp.known.len() {
		if sp.seen[i/64]&(1<<(i%64)) != 0 {
			all[string(sp.known.path(i))] = sp.known.record(i)
		}
	}
	maps.Copy(all, sp.records)
	data := encodeManifest(all, sp.start)
	if len(data) > maxManifest {
		return
	}
	tmp, ok := sp.temp(data)
	if !ok {
		return
	}
	if os.Rename(tmp, sp.manifest) != nil {
		_ = os.Remove(tmp)
		sp.store.failures.Add(1)
	}
}

// write puts data into a new file of the space, named prefix + a unique
// part + ext.
func (sp *Space) write(data []byte, prefix, ext string) bool {
	tmp, ok := sp.temp(data)
	if !ok {
		return false
	}
	sum := sha256.Sum256(data)
	name := prefix + time.Now().UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(sum[:8]) + ext
	if os.Rename(tmp, filepath.Join(sp.dir, name)) != nil {
		_ = os.Remove(tmp)
		sp.store.failures.Add(1)
		return false
	}
	return true
}

// temp writes data to a temporary file in the space's directory.
func (sp *Space) temp(data []byte) (string, bool) {
	if err := os.Mkdir(sp.dir, 0o700); err != nil && !os.IsExist(err) {
		sp.store.failures.Add(1)
		return "", false
	}
	f, err := os.CreateTemp(sp.dir, ".tmp-*")
	if err != nil {
		sp.store.failures.Add(1)
		return "", false
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		_ = os.Remove(f.Name())
		sp.store.failures.Add(1)
		return "", false
	}
	return f.Name(), true
}

// touch marks a pack as used for pruning, at most once an hour.
func touch(p string) {
	info, err := os.Lstat(p)
	if err != nil {
		return
	}
	if now := time.Now(); now.Sub(info.ModTime()) > time.Hour {
		_ = os.Chtimes(p, now, now)
	}
}

// now is the store's clock.
func (s *Store) now() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return time.Now()
}
