package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"time"
)

// A manifest maps the files a run read to their metadata and digest:
//
//	"ifacelint-manifest-2\n"
//	SHA-256 of the rest
//	when the run that wrote it started (Unix ns, int64), count (uint32)
//	per file, by path: the path's length (uint32) and bytes, size, mtime
//	and ctime (ns), inode and device (int64 each), digest (32 bytes)
var manifestMagic = []byte("ifacelint-manifest-2\n")

const (
	manifestPrefix = "m-"
	maxManifest    = 256 << 20
)

// Racy is how recently before a run a file may have changed and still be
// trusted by its metadata: more than any file system's timestamp
// granularity (FAT's 2 s) and the lag of the kernel's coarse clock.
const Racy = 3 * time.Second

// Stat is what a manifest compares of a file: it is the same file with the
// same content while all of it is the same (and it was not racily clean).
type Stat struct {
	Size, Mtime, Ctime int64 // bytes; ns since the Unix epoch
	Ino, Dev           uint64
}

// settled reports whether a file with this metadata had last changed
// more than Racy before the run that started at t.
func (st Stat) settled(t time.Time) bool {
	limit := t.Add(-Racy).UnixNano()
	return st.Mtime < limit && st.Ctime < limit
}

func encodeManifest(records map[string]Record, start time.Time) []byte {
	paths := make([]string, 0, len(records))
	size := len(manifestMagic) + sha256.Size + 12
	for p := range records {
		paths = append(paths, p)
		size += 4 + len(p) + 5*8 + 32
	}
	slices.Sort(paths)
	head := len(manifestMagic) + sha256.Size
	out := make([]byte, head, size)
	copy(out, manifestMagic)
	out = binary.LittleEndian.AppendUint64(out, uint64(start.UnixNano()))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(paths)))
	for _, p := range paths {
		r := records[p]
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
		for _, v := range []uint64{uint64(r.Stat.Size), uint64(r.Stat.Mtime), uint64(r.Stat.Ctime), r.Stat.Ino, r.Stat.Dev} {
			out = binary.LittleEndian.AppendUint64(out, v)
		}
		out = append(out, r.Digest[:]...)
	}
	sum := sha256.Sum256(out[head:])
	copy(out[len(manifestMagic):], sum[:])
	return out
}

// openManifest checks a manifest and returns its records and when the
// run that wrote it started.
func openManifest(data []byte) (map[string]Record, time.Time, bool) {
	rest, ok := bytes.CutPrefix(data, manifestMagic)
	if !ok || len(rest) < sha256.Size+12 {
		return nil, time.Time{}, false
	}
	sum, rest := rest[:sha256.Size], rest[sha256.Size:]
	if got := sha256.Sum256(rest); !bytes.Equal(sum, got[:]) {
		return nil, time.Time{}, false
	}
	written := time.Unix(0, int64(binary.LittleEndian.Uint64(rest)))
	n := binary.LittleEndian.Uint32(rest[8:])
	rest = rest[12:]
	out := make(map[string]Record, min(n, 1<<20))
	for range n {
		if len(rest) < 4 {
			return nil, time.Time{}, false
		}
		l := uint64(binary.LittleEndian.Uint32(rest))
		if uint64(len(rest)-4) < l+5*8+32 {
			return nil, time.Time{}, false
		}
		p := string(rest[4 : 4+l])
		rest = rest[4+l:]
		var r Record
		r.Stat.Size = int64(binary.LittleEndian.Uint64(rest))
		r.Stat.Mtime = int64(binary.LittleEndian.Uint64(rest[8:]))
		r.Stat.Ctime = int64(binary.LittleEndian.Uint64(rest[16:]))
		r.Stat.Ino = binary.LittleEndian.Uint64(rest[24:])
		r.Stat.Dev = binary.LittleEndian.Uint64(rest[32:])
		copy(r.Digest[:], rest[40:72])
		rest = rest[72:]
		out[p] = r
	}
	if len(rest) != 0 {
		return nil, time.Time{}, false
	}
	return out, written, true
}
