package format

import (
	"bytes"
	"os"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
)

func builtinCatalogue(t *testing.T) *policy.Catalogue {
	t.Helper()
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set.Catalogue
}

// docs/rules.md is generated from METADATA; this fails when it is stale.
func TestRulesDocUpToDate(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := RulesMarkdown(&buf, builtinCatalogue(t)); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	// After the generated reference comes the hand-written part, from its
	// marker line on (the Makefile's HANDWRITTEN), which `make docs` keeps.
	generated, handwritten, _ := bytes.Cut(onDisk, []byte("\n"+handwrittenMarker))
	if !bytes.Equal(buf.Bytes(), generated) {
		t.Fatal("docs/rules.md is stale: run `make docs` and commit the result")
	}
	if len(handwritten) == 0 {
		t.Fatalf("docs/rules.md has no hand-written part after %q", handwrittenMarker)
	}
}

const handwrittenMarker = "<!-- Hand-written from here on: `make docs` keeps this part. -->\n"

// The Makefile's marker is the one the test looks for.
func TestRulesDocMarkerMatchesMakefile(t *testing.T) {
	t.Parallel()
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(mk, []byte("HANDWRITTEN := "+handwrittenMarker)) {
		t.Fatal("the Makefile's HANDWRITTEN marker differs from the one docs/rules.md is cut at")
	}
}
