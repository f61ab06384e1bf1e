package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
)

// A pack holds the entries one run wrote:
//
//	"ifacelint-pack-2\n"
//	SHA-256 of the index (the count and the records)
//	count (uint32), then per entry, by key: key (32 bytes), offset (uint64)
//	and length (uint32) of its payload, SHA-256 of the payload
//	the payloads
//
// The index is checked when the pack is read, each payload when it is
// used, so damage costs only the entries it touches.
var packMagic = []byte("ifacelint-pack-2\n")

const (
	packPrefix = "p-"
	packExt    = ".pack"
	recordSize = 32 + 8 + 4 + 32
	maxPack    = 1 << 30 // the largest pack read
	// packChunk is how much a run puts before it writes a pack, rather
	// than keep it all for Close: 10,000 interfaces take ~8 MiB.
	packChunk = 32 << 20
)

// packEntry is one entry of a pack read.
type packEntry struct {
	payload []byte
	sum     [32]byte
	next    *packEntry // the same key's entry in another pack
}

// open returns the payload of the first of the key's entries whose
// checksum holds.
func (e packEntry) open() ([]byte, bool) {
	for p := &e; p != nil; p = p.next {
		if sha256.Sum256(p.payload) == p.sum {
			return p.payload, true
		}
	}
	return nil, false
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
		sum := sha256.Sum256(p)
		out = append(out, k[:]...)
		out = binary.LittleEndian.AppendUint64(out, off)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, sum[:]...)
		off += uint64(len(p))
	}
	sum := sha256.Sum256(out[head:])
	copy(out[len(packMagic):], sum[:])
	for _, k := range keys {
		out = append(out, entries[k]...)
	}
	return out
}

// openPack checks a pack's header and index and returns its entries.
func openPack(data []byte) (map[Key]packEntry, bool) {
	rest, ok := bytes.CutPrefix(data, packMagic)
	if !ok || len(rest) < sha256.Size+4 {
		return nil, false
	}
	sum, rest := rest[:sha256.Size], rest[sha256.Size:]
	n := uint64(binary.LittleEndian.Uint32(rest))
	if n > uint64(len(rest)-4)/recordSize {
		return nil, false
	}
	index := rest[:4+n*recordSize]
	if got := sha256.Sum256(index); !bytes.Equal(sum, got[:]) {
		return nil, false
	}
	payloads := rest[len(index):]
	out := make(map[Key]packEntry, n)
	for r := index[4:]; len(r) > 0; r = r[recordSize:] {
		var e packEntry
		k := Key(r[:32])
		off := binary.LittleEndian.Uint64(r[32:])
		size := uint64(binary.LittleEndian.Uint32(r[40:]))
		copy(e.sum[:], r[44:76])
		if size > MaxEntry || off > uint64(len(payloads)) || size > uint64(len(payloads))-off {
			return nil, false
		}
		e.payload = payloads[off : off+size : off+size]
		out[k] = e
	}
	return out, true
}
