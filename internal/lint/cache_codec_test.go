package lint

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/cache"
	"github.com/ifacelint/ifacelint/internal/inventorygen"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// An index record gives back the index data of the entry it was made
// from; anything short of a whole record reads as none, never a panic.
func TestIndexRecord(t *testing.T) {
	t.Parallel()
	cf := &cachedFile{Problems: 2, Docs: []cachedDoc{
		{Kind: "Interface", ID: "orders-api", Index: 0, Start: inventory.Pos{Line: 1, Column: 1},
			IDAt: inventory.Region{Start: inventory.Pos{Line: 4, Column: 7}, End: inventory.Pos{Line: 4, Column: 17}}, Entry: []byte(`{"file":"a.yaml"}`)},
		{Kind: "Note", Index: 1, Start: inventory.Pos{Line: 20, Column: 1}},
		{Kind: "ThirdParty", ID: "ünïcode\x00", Index: 2, Entry: []byte{}},
	}}
	entry, head, ok := encodeEntry(cf)
	if !ok {
		t.Fatal("not encoded")
	}
	rec := entry[:head]
	got := decodeIndexRecord(rec)
	if !reflect.DeepEqual(got, cf) {
		t.Fatalf("round trip:\n got  %+v\n want %+v", got, cf)
	}
	for n := range len(rec) {
		if got := decodeIndexRecord(rec[:n]); got != nil {
			t.Errorf("a record cut to %d of %d bytes decoded: %+v", n, len(rec), got)
		}
	}
	if got := decodeIndexRecord(append(rec[:len(rec):len(rec)], 0)); got != nil {
		t.Error("a record with a byte more decoded")
	}
	if got := decodeIndexRecord(entry); got != nil {
		t.Error("a whole entry decoded as an index record")
	}

	// Clean: the record says the results are complete, and is the entry.
	cf.Results = true
	entry, head, _ = encodeEntry(cf)
	if got := decodeIndexRecord(entry[:head]); got == nil || !got.Results {
		t.Errorf("a clean entry's record: %+v, want Results", got)
	}
}

// sampleEntry is an entry with what decoding must keep apart: nil and
// empty slices, int and string path elements (a key "0" stays a string),
// file-level and document findings, waivers, negative numbers, and
// strings that are not UTF-8.
func sampleEntry() *cachedFile {
	return &cachedFile{
		Problems:     1,
		Results:      true,
		FileFindings: []Finding{{RuleInfo: &RuleInfo{Rule: "schema/invalid", Severity: "error"}, DocInfo: &DocInfo{File: "inv/b\x9b31mc.yaml", DocIndex: -1}, Message: "bad \xff byte", Line: 3, Column: 1, EndLine: 3, EndColumn: 9, Path: inventory.Path{}, FileLevel: true}},
		Docs: []cachedDoc{
			{
				Kind: "Interface", ID: "orders-api", Index: 0, Start: inventory.Pos{Line: 1, Column: 1},
				IDAt:  inventory.Region{Start: inventory.Pos{Line: 4, Column: 7}, End: inventory.Pos{Line: 4, Column: 17}},
				Entry: []byte(`{"file":"a.yaml"}`),
				Findings: []Finding{
					{RuleInfo: &RuleInfo{Rule: "ownership/owner-assigned", Severity: "warning", Controls: []string{"A.5.9", ""}, Remediation: "Add one."}, DocInfo: &DocInfo{File: "inv/b\x9b31mc.yaml", Kind: "Interface", ID: "orders-api"}, Message: "no owner", Line: 5, Column: 3, EndLine: 9, EndColumn: 1, Path: inventory.Path{"spec", 0, "0", "", -1}},
					{RuleInfo: &RuleInfo{Rule: "ownership/owner-assigned", Severity: "info", Controls: []string{}}, DocInfo: &DocInfo{File: "inv/b\x9b31mc.yaml", Kind: "Interface", ID: "orders-api"}, Message: "waived", Path: inventory.Path{}, Waived: true, WaiverReason: "until Q3", Baselined: true},
					{RuleInfo: &RuleInfo{Rule: "custom/x", Severity: "critical"}, DocInfo: &DocInfo{File: "inv/other.yaml"}, Message: "", Path: nil},
				},
				Waivers: []WaiverStatus{
					{File: "inv/b\x9b31mc.yaml", Line: 1, Kind: "Interface", ID: "orders-api", Index: 0, Rule: "ownership/owner-assigned", Status: "active"},
					{File: "inv/b\x9b31mc.yaml", Line: 1, Kind: "Interface", ID: "orders-api", Index: 1, Rule: "x", Status: "invalid", Reason: "no such rule"},
				},
				Reads:      []string{"ThirdParty\x00acme", ""},
				ReadDigest: [32]byte{1, 2, 3},
				Specs:      []string{},
				SpecDigest: [32]byte{31: 9},
			},
			{Kind: "Note", Index: 1, Findings: []Finding{}, Waivers: []WaiverStatus{}, Reads: []string{}},
			{Kind: "ThirdParty", Index: 2, Entry: []byte{}},
		},
	}
}

// An entry comes back exactly as it was written; anything short of a
// whole entry, or more, reads as none.
func TestEntryRoundTrip(t *testing.T) {
	t.Parallel()
	cf := sampleEntry()
	b, head, ok := encodeEntry(cf)
	if !ok {
		t.Fatal("not encoded")
	}
	got := decodeEntry(b, nil)
	if !reflect.DeepEqual(got, cf) {
		t.Fatalf("round trip:\n got  %#v\n want %#v", got, cf)
	}
	if p := got.Docs[0].Findings[0].Path; p[1] != 0 || p[2] != "0" {
		t.Errorf("path %#v, want the int 0 then the string \"0\"", p)
	}
	if got.FileFindings[0].File != "inv/b\x9b31mc.yaml" || got.FileFindings[0].Message != "bad \xff byte" {
		t.Errorf("strings that are not UTF-8 changed: %q, %q", got.FileFindings[0].File, got.FileFindings[0].Message)
	}
	if rec := decodeIndexRecord(b[:head]); rec == nil || rec.Results {
		t.Errorf("index record %+v, want one that does not serve a report (findings)", rec)
	}
	for n := range len(b) {
		if got := decodeEntry(b[:n], nil); got != nil {
			t.Errorf("an entry cut to %d of %d bytes decoded", n, len(b))
		}
	}
	if got := decodeEntry(append(b[:len(b):len(b)], 0), nil); got != nil {
		t.Error("an entry with a byte more decoded")
	}
	// The record's clean byte must agree with the rest.
	bad := bytes.Clone(b)
	bad[head-1] = 1
	if got := decodeEntry(bad, nil); got != nil {
		t.Error("an entry whose record says clean, with findings, decoded")
	}

	// With the catalogue, a finding whose controls and remediation are its
	// rule's shares them, as in a run that evaluates; one whose differ
	// (another catalogue wrote the entry) keeps its own.
	cat := fuzzOptions(t).Catalogue
	rule := cat.Get("ownership/owner-assigned")
	if rule == nil || len(rule.Controls) == 0 || rule.Remediation == "" {
		t.Fatalf("ownership/owner-assigned: %+v", rule)
	}
	cf.Docs[0].Findings[1].Controls = slices.Clone(rule.Controls)
	cf.Docs[0].Findings[1].Remediation = rule.Remediation
	b, _, _ = encodeEntry(cf)
	got = decodeEntry(b, cat)
	if !reflect.DeepEqual(got, cf) {
		t.Fatalf("round trip with the catalogue:\n got  %#v\n want %#v", got, cf)
	}
	if c := got.Docs[0].Findings[1].Controls; &c[0] != &rule.Controls[0] {
		t.Error("a finding with its rule's controls does not share them")
	}
	if c := got.Docs[0].Findings[0].Controls; len(c) != 2 || c[0] != "A.5.9" {
		t.Errorf("a finding with other controls than its rule's: %q", c)
	}

	// A path element that is neither an int nor a string is not cached.
	cf.Docs[0].Findings[0].Path = inventory.Path{1.5}
	if _, _, ok := encodeEntry(cf); ok {
		t.Error("a path holding a float was encoded")
	}
}

// fill sets every field of v, recursively, to a value other than its
// zero value, varied by seed; it fails on a kind of field it does not
// know, so that a new field of an entry's types needs a thought here.
func fill(t *testing.T, v reflect.Value, seed *int, where string) {
	t.Helper()
	*seed++
	n := *seed
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strings.Repeat("\xff", n%3) + string(rune('a'+n%26)) + "0")
	case reflect.Int:
		v.SetInt(int64(n) * int64(1-2*(n%2))) // negative too
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Uint8:
		v.SetUint(uint64(n%255 + 1))
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), seed, where)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(t, v.Index(i), seed, where)
		}
	case reflect.Interface: // a path element: an int, or a string that looks like one
		if n%2 == 0 {
			v.Set(reflect.ValueOf(n))
		} else {
			v.Set(reflect.ValueOf("0"))
		}
	case reflect.Pointer: // a finding's shared rule or document data
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), seed, where)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, v.Field(i), seed, where+"."+v.Type().Field(i).Name)
		}
	default:
		t.Fatalf("%s: fill does not know a %s: teach it, and encodeEntry", where, v.Kind())
	}
}

// Every field of an entry, of its documents, findings and waiver statuses
// survives the round trip: a field added to one of these types and not to
// encodeEntry fails this test.
func TestEntryEveryField(t *testing.T) {
	t.Parallel()
	seed := 0
	var cf cachedFile
	fill(t, reflect.ValueOf(&cf).Elem(), &seed, "cachedFile")
	for _, typ := range []reflect.Type{reflect.TypeOf(cf), reflect.TypeOf(cachedDoc{}), reflect.TypeOf(Finding{RuleInfo: &RuleInfo{}, DocInfo: &DocInfo{}}), reflect.TypeOf(WaiverStatus{})} {
		if typ.NumField() < 4 {
			t.Fatalf("%s has %d fields", typ, typ.NumField())
		}
	}
	zero := func(v reflect.Value, where string) {
		t.Helper()
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Fatalf("%s.%s is zero after fill", where, v.Type().Field(i).Name)
			}
		}
	}
	zero(reflect.ValueOf(cf), "cachedFile")
	zero(reflect.ValueOf(cf.Docs[1]), "cachedDoc")
	zero(reflect.ValueOf(cf.Docs[1].Findings[1]), "Finding")
	zero(reflect.ValueOf(cf.Docs[1].Waivers[1]), "WaiverStatus")

	b, _, ok := encodeEntry(&cf)
	if !ok {
		t.Fatal("not encoded")
	}
	if got := decodeEntry(b, nil); !reflect.DeepEqual(got, &cf) {
		t.Fatalf("round trip:\n got  %#v\n want %#v", got, &cf)
	}
}

// realEntries lints inv (with root as the repository) with a cache and
// returns the entries the run wrote, as payloads.
func realEntries(tb testing.TB, inv, root string) [][]byte {
	tb.Helper()
	opts := fuzzOptions(tb)
	dir := tb.TempDir()
	store, err := cache.Open(dir, 0)
	if err != nil {
		tb.Fatal(err)
	}
	opts.Inventory, opts.Root = []string{inv}, root
	opts.Cache, opts.CacheKey = store, []byte("test")
	if _, err := Run(context.Background(), opts); err != nil {
		tb.Fatal(err)
	}
	if err := store.Close(); err != nil {
		tb.Fatal(err)
	}
	if store, err = cache.Open(dir, 0); err != nil {
		tb.Fatal(err)
	}
	defer store.Close()
	validator, err := schema.Default()
	if err != nil {
		tb.Fatal(err)
	}
	r := &runner{opts: opts, validator: validator}
	r.cacheRun = r.runKey()
	space := store.Space(r.cacheRun, manifestKey())
	srcs, err := sources(opts)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, src := range srcs {
		data, err := os.ReadFile(src.path)
		if err != nil {
			tb.Fatal(err)
		}
		payload, ok := space.Get(r.fileKey(src.path, sha256.Sum256(data)))
		if !ok {
			tb.Fatalf("no entry for %s", src.path)
		}
		out = append(out, bytes.Clone(payload))
	}
	return out
}

// FuzzDecodeEntry: whatever the payload, decoding never panics, and what
// it accepts is an entry that encodes back to one that decodes the same.
// Seeded with the entries of examples/inventory and sampleEntry; `go test
// ./internal/lint -run '^$' -fuzz '^FuzzDecodeEntry$' -fuzztime 60s` fuzzes.
func FuzzDecodeEntry(f *testing.F) {
	seeds := realEntries(f, "../../examples/inventory", "../..")
	if len(seeds) < 10 {
		f.Fatalf("%d entries", len(seeds))
	}
	withFindings := 0
	for _, s := range seeds {
		if cf := decodeEntry(s, nil); cf == nil {
			f.Fatal("a real entry did not decode")
		} else if !cf.clean() {
			withFindings++
		}
		f.Add(s)
	}
	if withFindings == 0 {
		f.Fatal("no entry with findings among the seeds")
	}
	b, _, _ := encodeEntry(sampleEntry())
	f.Add(b)
	cat := fuzzOptions(f).Catalogue
	f.Fuzz(func(t *testing.T, b []byte) {
		rec := decodeIndexRecord(b)
		cf := decodeEntry(b, nil)
		if withCat := decodeEntry(b, cat); !reflect.DeepEqual(withCat, cf) {
			t.Fatalf("with the catalogue:\n got  %#v\n want %#v", withCat, cf)
		}
		if cf == nil {
			return
		}
		if rec != nil {
			t.Fatal("a payload decoded both as an index record and an entry")
		}
		again, head, ok := encodeEntry(cf)
		if !ok {
			t.Fatal("a decoded entry does not encode")
		}
		if len(again) > len(b) {
			t.Fatalf("a decoded entry of %d bytes encodes to %d", len(b), len(again))
		}
		if got := decodeEntry(again, nil); !reflect.DeepEqual(got, cf) {
			t.Fatalf("decoded again:\n got  %#v\n want %#v", got, cf)
		}
		if got := decodeIndexRecord(again[:head]); got == nil || got.Results != cf.clean() {
			t.Fatalf("the index record of a decoded entry: %+v", got)
		}
	})
}

// BenchmarkDecodeEntry decodes a typical entry of a file with findings
// (three, of a generated inventory), as a warm run does for every such
// file: in the binary form, and as JSON, the form before it
// (lint-cache-3), for comparison.
func BenchmarkDecodeEntry(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "inventory")
	if _, err := inventorygen.WriteDir(dir, inventorygen.Options{Interfaces: 200}); err != nil {
		b.Fatal(err)
	}
	var payload []byte
	var cf *cachedFile
	count := func(c *cachedFile) int {
		n := len(c.FileFindings)
		for _, d := range c.Docs {
			n += len(d.Findings)
		}
		return n
	}
	cat := fuzzOptions(b).Catalogue
	for _, p := range realEntries(b, dir, dir) {
		c := decodeEntry(p, cat)
		if cf == nil || abs(count(c)-3) < abs(count(cf)-3) {
			payload, cf = p, c
		}
	}
	b.Logf("entry of %d findings, %d documents: %d bytes", count(cf), len(cf.Docs), len(payload))
	b.Run("binary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if decodeEntry(payload, cat) == nil {
				b.Fatal("not decoded")
			}
		}
	})
	js, err := json.Marshal(cf)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var c cachedFile
			dec := json.NewDecoder(bytes.NewReader(js))
			dec.UseNumber()
			if err := dec.Decode(&c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func abs(n int) int { return max(n, -n) }
