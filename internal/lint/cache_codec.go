package lint

import (
	"encoding/binary"
	"slices"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The binary form of an entry (cachedFile). Numbers are varints (signed
// for ints, unsigned for lengths), strings and byte slices their length
// and bytes, kept byte for byte (a file name that is not UTF-8 comes back
// as it was). A slice that may be nil has its length plus one, 0 being
// nil, so nil and empty slices stay apart:
//
//	entryVersion
//	head, the index record:
//	  Problems, len(Docs)
//	  per document: Kind, ID, Index, Start (line, column), IDAt (4),
//	    Entry (nil-able), Uses
//	  clean (0 or 1): the results are complete and empty
//	tail:
//	  Results (0 or 1), FileFindings
//	  per document: Findings, Waivers, Reads, ReadDigest (32 bytes),
//	    Specs, SpecDigest (32 bytes)
//
// with each finding: Rule, Severity, Message, File, Line, Column, EndLine,
// EndColumn, Kind, ID, Path (nil-able; each element 0 and an int or 1 and
// a string), Controls (nil-able), Remediation, flags (Waived 1, Baselined
// 2, FileLevel 4, New 8), WaiverReason, BaselineState, DocIndex (New and
// BaselineState are set only after a run, by a comparison with a base
// revision, so they are 0 and "" in the cache); and each waiver status: File,
// Line, Kind, ID, Index, Rule, Status, Reason, ApprovedBy, Expires,
// WaiverReason, WrittenIn, WrittenAt (line, column).
//
// The index record serves the runs that read a file for context only, and
// the runs that report on it when it is clean: its last byte says so, and
// those runs decode neither findings nor waivers (decodeIndexRecord).
//
// Every field of the entry is written: TestEntryEveryField fails when a
// field is added to one of its types and not here.
const entryVersion = 1

// encodeEntry returns an entry's binary form and the length of its index
// record, the first part of it; false when the entry holds what the form
// cannot keep exactly (a path element neither an int nor a string), which
// no run produces.
func encodeEntry(cf *cachedFile) (b []byte, head int, ok bool) {
	e := entryEncoder{ok: true}
	e.b = append(e.b, entryVersion)
	e.int(cf.Problems)
	e.uvarint(uint64(len(cf.Docs)))
	for i := range cf.Docs {
		d := &cf.Docs[i]
		e.str(d.Kind)
		e.str(d.ID)
		e.int(d.Index)
		e.int(d.Start.Line)
		e.int(d.Start.Column)
		e.int(d.IDAt.Start.Line)
		e.int(d.IDAt.Start.Column)
		e.int(d.IDAt.End.Line)
		e.int(d.IDAt.End.Column)
		e.length(len(d.Entry), d.Entry == nil)
		e.b = append(e.b, d.Entry...)
		e.strs(d.Uses)
	}
	e.bool(cf.clean())
	head = len(e.b)

	e.bool(cf.Results)
	e.findings(cf.FileFindings)
	for i := range cf.Docs {
		d := &cf.Docs[i]
		e.findings(d.Findings)
		e.length(len(d.Waivers), d.Waivers == nil)
		for j := range d.Waivers {
			w := &d.Waivers[j]
			e.str(w.File)
			e.int(w.Line)
			e.str(w.Kind)
			e.str(w.ID)
			e.int(w.Index)
			e.str(w.Rule)
			e.str(string(w.Status))
			e.str(w.Reason)
			e.str(w.ApprovedBy)
			e.str(w.Expires)
			e.str(w.WaiverReason)
			e.str(w.WrittenIn)
			e.int(w.WrittenAt.Line)
			e.int(w.WrittenAt.Column)
		}
		e.strs(d.Reads)
		e.b = append(e.b, d.ReadDigest[:]...)
		e.strs(d.Specs)
		e.b = append(e.b, d.SpecDigest[:]...)
	}
	return e.b, head, e.ok
}

type entryEncoder struct {
	b  []byte
	ok bool
}

func (e *entryEncoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *entryEncoder) int(n int)        { e.b = binary.AppendVarint(e.b, int64(n)) }

func (e *entryEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *entryEncoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// length writes the length of a slice that may be nil.
func (e *entryEncoder) length(n int, isNil bool) {
	if isNil {
		e.uvarint(0)
	} else {
		e.uvarint(uint64(n) + 1)
	}
}

func (e *entryEncoder) strs(ss []string) {
	e.length(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *entryEncoder) findings(fs []Finding) {
	e.length(len(fs), fs == nil)
	for i := range fs {
		f := &fs[i]
		e.str(f.Rule)
		e.str(string(f.Severity))
		e.str(f.Message)
		e.str(f.File)
		e.int(f.Line)
		e.int(f.Column)
		e.int(f.EndLine)
		e.int(f.EndColumn)
		e.str(f.Kind)
		e.str(f.ID)
		e.length(len(f.Path), f.Path == nil)
		for _, el := range f.Path {
			switch v := el.(type) {
			case int:
				e.b = append(e.b, 0)
				e.int(v)
			case string:
				e.b = append(e.b, 1)
				e.str(v)
			default:
				e.ok = false
			}
		}
		e.strs(f.Controls)
		e.str(f.Remediation)
		var flags byte
		if f.Waived {
			flags |= 1
		}
		if f.Baselined {
			flags |= 2
		}
		if f.FileLevel {
			flags |= 4
		}
		if f.New {
			flags |= 8
		}
		e.b = append(e.b, flags)
		e.str(f.WaiverReason)
		e.str(string(f.BaselineState))
		e.int(f.DocIndex)
	}
}

// decodeEntry reads an entry (encodeEntry); nil unless it is whole and
// consistent. A finding's controls and remediation that are the ones of
// its rule in cat (nil: none) share them, as a run that evaluates does.
func decodeEntry(b []byte, cat *rules.Catalogue) *cachedFile {
	d := entryDecoder{b: b, cat: cat}
	cf, clean := d.head()
	if cf == nil {
		return nil
	}
	cf.Results = d.bool()
	cf.FileFindings = d.findings("", "")
	for i := range cf.Docs {
		if d.bad {
			return nil
		}
		doc := &cf.Docs[i]
		doc.Findings = d.findings(doc.Kind, doc.ID)
		doc.Waivers = d.waivers(doc.Kind, doc.ID)
		doc.Reads = d.strs(nil)
		d.digest(&doc.ReadDigest)
		doc.Specs = d.strs(nil)
		d.digest(&doc.SpecDigest)
	}
	if d.bad || len(d.b) != 0 || clean != cf.clean() {
		return nil
	}
	return cf
}

// decodeIndexRecord reads an index record, the first part of an entry:
// the documents' index data, and Results set when the file is clean (the
// record is then the whole entry); nil unless it is whole.
func decodeIndexRecord(b []byte) *cachedFile {
	d := entryDecoder{b: b}
	cf, clean := d.head()
	if cf == nil || len(d.b) != 0 {
		return nil
	}
	cf.Results = clean
	return cf
}

// entryDecoder reads an entry's fields in turn. A field that is not there
// or not well formed sets bad, and reads as its zero value; counts are
// bounded by the bytes left, so garbage allocates no more than its size.
type entryDecoder struct {
	b   []byte
	bad bool
	cat *rules.Catalogue
	// The finding and waiver status read last: the strings of the next
	// are often the same, and then shared, not copied (str).
	finding Finding
	waiver  WaiverStatus
	// The rule data read so far, by rule: the findings of a rule that
	// agree on it share one (Finding), as in a run that evaluates.
	rules map[string]*RuleInfo
}

// head reads the index record part; nil if it is bad.
func (d *entryDecoder) head() (cf *cachedFile, clean bool) {
	if len(d.b) == 0 || d.b[0] != entryVersion {
		return nil, false
	}
	d.b = d.b[1:]
	cf = &cachedFile{Problems: d.int()}
	n, _ := d.count(d.uvarint(), 10) // a document: 2 strings, 7 ints, Entry, Uses
	cf.Docs = make([]cachedDoc, n)
	kind := ""
	for i := range cf.Docs {
		doc := &cf.Docs[i]
		doc.Kind = d.str(kind)
		kind = doc.Kind
		doc.ID = d.str("")
		doc.Index = d.int()
		doc.Start = inventory.Pos{Line: d.int(), Column: d.int()}
		doc.IDAt = inventory.Region{Start: inventory.Pos{Line: d.int(), Column: d.int()}, End: inventory.Pos{Line: d.int(), Column: d.int()}}
		doc.Entry = d.nilableBytes()
		doc.Uses = d.strs(nil)
		if d.bad {
			return nil, false
		}
	}
	clean = d.bool()
	if d.bad {
		return nil, false
	}
	return cf, clean
}

func (d *entryDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *entryDecoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || v != int64(int(v)) {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *entryDecoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *entryDecoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.bad = true
	return false
}

// count checks the number of elements that follow, each of size bytes at
// least.
func (d *entryDecoder) count(n, size uint64) (int, bool) {
	if d.bad || n > uint64(len(d.b))/size {
		d.bad = true
		return 0, false
	}
	return int(n), true
}

// length reads the length of a slice that may be nil, of elements of size
// bytes at least.
func (d *entryDecoder) length(size uint64) (n int, isNil bool) {
	v := d.uvarint()
	if v == 0 {
		return 0, true
	}
	n, ok := d.count(v-1, size)
	return n, !ok
}

// bytes reads n bytes; the result shares the payload's memory, which the
// cache never changes.
func (d *entryDecoder) bytes(n uint64) []byte {
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

func (d *entryDecoder) nilableBytes() []byte {
	v := d.uvarint()
	if v == 0 {
		return nil
	}
	return d.bytes(v - 1)
}

// str reads a string; like is the string the field likely holds (the
// same field of the item before), returned without a copy when it is.
func (d *entryDecoder) str(like string) string {
	s := d.bytes(d.uvarint())
	if string(s) == like {
		return like
	}
	return string(s)
}

// strs reads a slice of strings; like is the slice the field likely
// holds, element by element.
func (d *entryDecoder) strs(like []string) []string {
	n, isNil := d.length(1)
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		l := ""
		if i < len(like) {
			l = like[i]
		}
		out[i] = d.str(l)
	}
	return out
}

// strsOr reads a slice of strings and returns like itself when it holds
// the same strings.
func (d *entryDecoder) strsOr(like []string) []string {
	if like == nil {
		return d.strs(nil)
	}
	b, bad := d.b, d.bad
	if n, isNil := d.length(1); !isNil && n == len(like) {
		i := 0
		for ; i < n && !d.bad && string(d.bytes(d.uvarint())) == like[i]; i++ {
		}
		if i == n && !d.bad {
			return like
		}
	}
	d.b, d.bad = b, bad // read them again, as they are
	return d.strs(like)
}

func (d *entryDecoder) digest(out *[32]byte) {
	copy(out[:], d.bytes(32))
}

func (d *entryDecoder) severity() rules.Severity {
	s := d.bytes(d.uvarint())
	switch string(s) { // no copy for the usual ones
	case string(rules.Error):
		return rules.Error
	case string(rules.Warning):
		return rules.Warning
	case string(rules.Info):
		return rules.Info
	}
	return rules.Severity(s)
}

// findings reads a slice of findings, those of the document kind, id
// when they are set.
func (d *entryDecoder) findings(kind, id string) []Finding {
	n, isNil := d.length(18) // a finding: 18 fields
	if isNil {
		return nil
	}
	fs := make([]Finding, n)
	prev := &d.finding
	if prev.RuleInfo == nil {
		prev.RuleInfo, prev.DocInfo = &RuleInfo{}, &DocInfo{}
	}
	for i := range fs {
		if d.bad {
			return nil
		}
		f := &fs[i]
		var ri RuleInfo
		var di DocInfo
		ri.Rule = d.str(prev.Rule)
		rule := d.cat.Get(ri.Rule)
		ri.Severity = d.severity()
		f.Message = d.str("")
		di.File = d.str(prev.File)
		f.Line, f.Column, f.EndLine, f.EndColumn = d.int(), d.int(), d.int(), d.int()
		di.Kind = d.str(kind)
		di.ID = d.str(id)
		if n, isNil := d.length(2); !isNil { // an element: its type and value
			f.Path = make(inventory.Path, n)
			for j := range f.Path {
				switch d.byte() {
				case 0:
					f.Path[j] = d.int()
				case 1:
					if j < len(prev.Path) {
						if like, ok := prev.Path[j].(string); ok {
							if s := d.str(like); s == like {
								f.Path[j] = prev.Path[j] // no copy, no new interface value
							} else {
								f.Path[j] = s
							}
							break
						}
					}
					f.Path[j] = d.str("")
				default:
					d.bad = true
				}
				if d.bad {
					return nil
				}
			}
		}
		if rule != nil {
			ri.Controls = d.strsOr(rule.Controls)
			ri.Remediation = d.str(rule.Remediation)
		} else {
			ri.Controls = d.strs(prev.Controls)
			ri.Remediation = d.str(prev.Remediation)
		}
		flags := d.byte()
		if flags > 15 {
			d.bad = true
		}
		f.Waived, f.Baselined, f.FileLevel, f.New = flags&1 != 0, flags&2 != 0, flags&4 != 0, flags&8 != 0
		f.WaiverReason = d.str("")
		f.BaselineState = finding.BaselineState(d.str(""))
		di.DocIndex = d.int()
		f.RuleInfo = d.ruleInfo(&ri)
		if *prev.DocInfo == di {
			f.DocInfo = prev.DocInfo
		} else {
			f.DocInfo = &di
		}
		*prev = *f
	}
	if d.bad {
		return nil
	}
	return fs
}

// ruleInfo returns the rule data read before that equals ri, else a copy
// of ri that later findings of its rule may share.
func (d *entryDecoder) ruleInfo(ri *RuleInfo) *RuleInfo {
	if got := d.rules[ri.Rule]; got != nil && got.Severity == ri.Severity && got.Remediation == ri.Remediation &&
		(got.Controls == nil) == (ri.Controls == nil) && slices.Equal(got.Controls, ri.Controls) {
		return got
	}
	if d.rules == nil {
		d.rules = map[string]*RuleInfo{}
	}
	c := *ri
	d.rules[ri.Rule] = &c
	return &c
}

// waivers reads a slice of waiver statuses, of the document kind, id.
func (d *entryDecoder) waivers(kind, id string) []WaiverStatus {
	n, isNil := d.length(14) // a waiver status: 14 fields
	if isNil {
		return nil
	}
	ws := make([]WaiverStatus, n)
	prev := &d.waiver
	for i := range ws {
		if d.bad {
			return nil
		}
		w := &ws[i]
		w.File = d.str(prev.File)
		w.Line = d.int()
		w.Kind = d.str(kind)
		w.ID = d.str(id)
		w.Index = d.int()
		w.Rule = d.str(prev.Rule)
		w.Status = waiver.Status(d.str(string(prev.Status)))
		w.Reason = d.str("")
		w.ApprovedBy = d.str(prev.ApprovedBy)
		w.Expires = d.str("")
		w.WaiverReason = d.str("")
		w.WrittenIn = d.str(prev.WrittenIn)
		w.WrittenAt.Line = d.int()
		w.WrittenAt.Column = d.int()
		*prev = *w
	}
	if d.bad {
		return nil
	}
	return ws
}
