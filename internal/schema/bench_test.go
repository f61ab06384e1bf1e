package schema_test

import (
	"testing"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/schema"
)

// BenchmarkValidate validates one document per op against the embedded
// schema (compiled once), cycling over a generated 1,000-interface
// inventory; a few of its documents are planted schema-invalid.
func BenchmarkValidate(b *testing.B) {
	dir, _ := fixture.Inventory(b, 1000)
	docs := fixture.Documents(fixture.Load(b, dir))
	v, err := schema.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v.Validate(docs[i%len(docs)].Value)
		i++
	}
}

// BenchmarkCompile compiles the embedded schema: paid once per run.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schema.New(schema.JSON); err != nil {
			b.Fatal(err)
		}
	}
}
