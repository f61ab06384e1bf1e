package lint

import (
	"reflect"
	"testing"

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
	rec := cf.indexRecord()
	got := decodeIndexRecord(rec)
	if !reflect.DeepEqual(got, cf) {
		t.Fatalf("round trip:\n got  %+v\n want %+v", got, cf)
	}
	for n := range len(rec) {
		if got := decodeIndexRecord(rec[:n]); got != nil {
			t.Errorf("a record cut to %d of %d bytes decoded: %+v", n, len(rec), got)
		}
	}
	if got := decodeIndexRecord(append(rec, 0)); got != nil {
		t.Error("a record with a byte more decoded")
	}
}
