package lint

import (
	"slices"

	"github.com/ifacelint/ifacelint/internal/openapi"
)

// docSpecs answers ifacelint.openapi for one document's evaluation
// (ruleeval.Descriptions) from the run's Reader, and notes the files the
// answers depend on, for the cache.
type docSpecs struct {
	reader *openapi.Reader
	files  []string
}

func (d *docSpecs) Describe(path string) (map[string]any, error) {
	facts, files, err := d.reader.Describe(path)
	if err != nil {
		return nil, err
	}
	d.files = append(d.files, files...)
	return facts, nil
}

// read returns the files noted, sorted, once each; nil when none.
func (d *docSpecs) read() []string {
	if len(d.files) == 0 {
		return nil
	}
	slices.Sort(d.files)
	return slices.Compact(d.files)
}
