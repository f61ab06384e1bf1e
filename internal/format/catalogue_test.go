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
	if !bytes.Equal(buf.Bytes(), onDisk) {
		t.Fatal("docs/rules.md is stale: run `make docs` and commit the result")
	}
}
