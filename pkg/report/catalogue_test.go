package report

import (
	"bytes"
	"os"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

func builtinCatalogue(t *testing.T) *policy.Catalogue {
	t.Helper()
	sources, err := policy.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	mods, err := policy.Parse(sources)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := policy.NewCatalogue(mods, true)
	if err != nil {
		t.Fatal(err)
	}
	return cat
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
