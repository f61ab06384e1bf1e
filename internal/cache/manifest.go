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

// manifest is a manifest read: its records as written, by path, looked up
// by binary search.
type manifest struct {
	records []byte   // the records
	at      []uint32 // where each starts in records
	written time.Time
}

// recordTail is the size of a record after its path.
const recordTail = 5*8 + 32

// len returns how many records the manifest holds.
func (m *manifest) len() int {
	if m == nil {
		return 0
	}
	return len(m.at)
}

// find returns the index and record of path.
func (m *manifest) find(path string) (int, Record, bool) {
	if m == nil {
		return 0, Record{}, false
	}
	lo, hi := 0, len(m.at)
	for lo < hi {
		i := int(uint(lo+hi) >> 1)
		switch p := m.path(i); {
		case string(p) == path:
			return i, m.record(i), true
		case string(p) < path:
			lo = i + 1
		default:
			hi = i
		}
	}
	return 0, Record{}, false
}

// path returns the path of the i-th record.
func (m *manifest) path(i int) []byte {
	r := m.records[m.at[i]:]
	return r[4 : 4+binary.LittleEndian.Uint32(r)]
}

// record returns the i-th record.
func (m *manifest) record(i int) Record {
	r := m.records[m.at[i]:]
	r = r[4+binary.LittleEndian.Uint32(r):]
	var rec Record
	rec.Stat.Size = int64(binary.LittleEndian.Uint64(r))
	rec.Stat.Mtime = int64(binary.LittleEndian.Uint64(r[8:]))
	rec.Stat.Ctime = int64(binary.LittleEndian.Uint64(r[16:]))
	rec.Stat.Ino = binary.LittleEndian.Uint64(r[24:])
	rec.Stat.Dev = binary.LittleEndian.Uint64(r[32:])
	rec.Digest = [32]byte(r[40:72])
	return rec
}

// openManifest checks a manifest: its checksum, its records whole and in
// strictly increasing order of path, for the binary search.
func openManifest(data []byte) (*manifest, bool) {
	rest, ok := bytes.CutPrefix(data, manifestMagic)
	if !ok || len(rest) < sha256.Size+12 || len(data) > maxManifest { // offsets fit uint32
		return nil, false
	}
	sum, rest := rest[:sha256.Size], rest[sha256.Size:]
	if got := sha256.Sum256(rest); !bytes.Equal(sum, got[:]) {
		return nil, false
	}
	m := &manifest{written: time.Unix(0, int64(binary.LittleEndian.Uint64(rest)))}
	n := binary.LittleEndian.Uint32(rest[8:])
	m.records = rest[12:]
	if uint64(n) > uint64(len(m.records))/(4+recordTail) {
		return nil, false
	}
	m.at = make([]uint32, n)
	var prev []byte
	at := uint64(0)
	for i := range m.at {
		r := m.records[at:]
		if len(r) < 4 {
			return nil, false
		}
		l := uint64(binary.LittleEndian.Uint32(r))
		if uint64(len(r)-4) < l+recordTail {
			return nil, false
		}
		p := r[4 : 4+l]
		if i > 0 && string(prev) >= string(p) {
			return nil, false
		}
		m.at[i], prev = uint32(at), p
		at += 4 + l + recordTail
	}
	if at != uint64(len(m.records)) {
		return nil, false
	}
	return m, true
}
