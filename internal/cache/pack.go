package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"slices"
	"sync"
)

// A pack holds the entries one run wrote:
//
//	"ifacelint-pack-3\n"
//	SHA-256 of the index (the count and the records)
//	count (uint32), then per entry, by key: key (32 bytes), offset (uint64)
//	and length (uint32) of its payload, CRC-32C of the payload (uint32)
//	the payloads
//
// The index is checked when the pack is read, each payload when it is
// used, so damage costs only the entries it touches. The checksums find
// damage (a torn or bit-flipped file), not forgery: whoever can write the
// cache directory can write any checksum, so the payloads' need not be
// cryptographic, and CRC-32C, done in hardware, costs a warm run over
// 10,000 files a small part of what SHA-256 did.
var packMagic = []byte("ifacelint-pack-3\n")

// crcTable is CRC-32C's (Castagnoli's) table.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

const (
	packPrefix = "p-"
	packExt    = ".pack"
	recordSize = 32 + 8 + 4 + 4
	maxPack    = 1 << 30 // the largest pack read
	// packChunk is how much a run puts before it writes a pack, rather
	// than keep it all for Close: 10,000 interfaces take ~8 MiB.
	packChunk = 32 << 20
)

// pack is a pack read: its index is checked when it is opened, each
// payload when it is used. data is the file, mapped read-only where the
// platform can (mapFile) and read whole elsewhere; its entries are looked
// up by binary search in the index, which is sorted by key.
type pack struct {
	path     string
	index    []byte // the records, recordSize bytes each, by key
	payloads []byte
	release  func() // unmaps data; nil when there is nothing to release
}

// get returns a copy, taken from a, of the payload stored under k, when
// the pack holds it and its checksum holds (checked on the copy, so that
// what is returned is what was checked). The copy is Go memory: it never
// refers to the pack's mapping, which Store.Close unmaps. On a mapped
// pack, a fault (the file truncated under the mapping) is a miss.
func (p *pack) get(k Key, a *arena) (payload []byte, ok bool) {
	ok = guard(func() bool {
		r := p.find(k)
		if r == nil {
			return false
		}
		off := binary.LittleEndian.Uint64(r[32:])
		size := uint64(binary.LittleEndian.Uint32(r[40:]))
		payload = a.take(int(size))
		copy(payload, p.payloads[off:off+size]) // in bounds: openPack
		return crc32.Checksum(payload, crcTable) == binary.LittleEndian.Uint32(r[44:])
	})
	if !ok {
		return nil, false
	}
	return payload, true
}

// arena hands out the buffers payloads are copied into, from slabs, so
// that a run reading 10,000 small payloads makes a few allocations rather
// than 10,000. It is safe for concurrent use.
type arena struct {
	mu  sync.Mutex
	buf []byte
}

const slab = 64 << 10

// take returns a buffer of n bytes that nothing else refers to.
func (a *arena) take(n int) []byte {
	if n > slab/8 {
		return make([]byte, n)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.buf) < n {
		a.buf = make([]byte, slab)
	}
	b := a.buf[:n:n]
	a.buf = a.buf[n:]
	return b
}

// find returns k's record in the index, or nil.
func (p *pack) find(k Key) []byte {
	lo, hi := 0, len(p.index)/recordSize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		r := p.index[m*recordSize : (m+1)*recordSize]
		switch c := bytes.Compare(r[:32], k[:]); {
		case c == 0:
			return r
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// encodePack returns the pack of entries.
func encodePack(entries map[Key][]byte) []byte {
	keys := make([]Key, 0, len(entries))
	size := 0
	for k, p := range entries {
		keys = append(keys, k)
		size += len(p)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	head := len(packMagic) + sha256.Size
	out := make([]byte, head, head+4+len(keys)*recordSize+size)
	copy(out, packMagic)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(keys)))
	off := uint64(0)
	for _, k := range keys {
		p := entries[k]
		out = append(out, k[:]...)
		out = binary.LittleEndian.AppendUint64(out, off)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
		out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(p, crcTable))
		off += uint64(len(p))
	}
	sum := sha256.Sum256(out[head:])
	copy(out[len(packMagic):], sum[:])
	for _, k := range keys {
		out = append(out, entries[k]...)
	}
	return out
}

// openPack checks a pack's header and index: its checksum, every record's
// payload within the pack, and the keys in strictly increasing order, for
// the binary search.
func openPack(data []byte) (index, payloads []byte, ok bool) {
	rest, ok := bytes.CutPrefix(data, packMagic)
	if !ok || len(rest) < sha256.Size+4 {
		return nil, nil, false
	}
	sum, rest := rest[:sha256.Size], rest[sha256.Size:]
	n := uint64(binary.LittleEndian.Uint32(rest))
	if n > uint64(len(rest)-4)/recordSize {
		return nil, nil, false
	}
	index = rest[:4+n*recordSize]
	if got := sha256.Sum256(index); !bytes.Equal(sum, got[:]) {
		return nil, nil, false
	}
	payloads = rest[len(index):]
	index = index[4:]
	var prev []byte
	for r := index; len(r) > 0; r = r[recordSize:] {
		if prev != nil && bytes.Compare(prev, r[:32]) >= 0 {
			return nil, nil, false
		}
		prev = r[:32]
		off := binary.LittleEndian.Uint64(r[32:])
		size := uint64(binary.LittleEndian.Uint32(r[40:]))
		if size > MaxEntry || off > uint64(len(payloads)) || size > uint64(len(payloads))-off {
			return nil, nil, false
		}
	}
	return index, payloads, true
}
