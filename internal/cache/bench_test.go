package cache

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// benchFiles is the inventory the benchmarks model: 10,000 files, each with
// a whole entry and an index record in the packs (20,000 entries, ~8 MiB)
// and a record in the manifest.
const benchFiles = 10_000

// benchCache fills a cache directory as a warm run over benchFiles files
// leaves it, and returns it with the files' paths and metadata.
func benchCache(b *testing.B) (dir string, paths []string, stats []Stat, records []Key) {
	b.Helper()
	dir = b.TempDir()
	s, err := Open(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	sp := s.Space(ns, here)
	entry, record := make([]byte, 700), make([]byte, 120)
	old := time.Now().Add(-time.Hour).UnixNano()
	for i := range benchFiles {
		p := filepath.Join("inventory", fmt.Sprintf("batch-%03d", i/100), fmt.Sprintf("interface-%05d.yaml", i))
		st := Stat{Size: int64(700 + i%50), Mtime: old, Ctime: old, Ino: uint64(i), Dev: 1}
		paths, stats, records = append(paths, p), append(stats, st), append(records, key(p+" index"))
		entry[0], record[0] = byte(i), byte(i)
		sp.Put(key(p), entry)
		sp.Put(records[i], record)
		sp.Record(p, st, key(p))
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return dir, paths, stats, records
}

// BenchmarkWarmOpen is what a warm run that reads every file for context
// only (pre-commit on a few files) asks of the cache: open it, look up each
// file in the manifest, record it for the next, read its index record, and
// close (nothing to write). "open" looks up one file only (and records
// none): what every worker of a run waits for, once, before its first
// lookup.
func BenchmarkWarmOpen(b *testing.B) {
	dir, paths, stats, records := benchCache(b)
	for _, bc := range []struct {
		name  string
		files int
	}{{"open", 1}, {"lookups", benchFiles}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				s, err := Open(dir, 0)
				if err != nil {
					b.Fatal(err)
				}
				sp := s.Space(ns, here)
				for i, p := range paths[:bc.files] {
					d, ok := sp.Digest(p, stats[i])
					if !ok {
						b.Fatal("manifest miss")
					}
					if bc.files == benchFiles { // else the run rewrites the manifest
						sp.Record(p, stats[i], d)
					}
					if payload, ok := sp.Get(records[i]); !ok || payload[0] != byte(i) {
						b.Fatal("pack miss")
					}
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				if st := s.Stats(); st.Wrote != 0 {
					b.Fatal("a warm run wrote a pack")
				}
			}
		})
	}
}
