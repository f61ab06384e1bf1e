package schema

import (
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// TestDescribeEveryKind: a keyword the message builder has no case for is
// described by the library's own English message, never a panic (its
// localised messages need a printer).
func TestDescribeEveryKind(t *testing.T) {
	v := &Validator{}
	doc := map[string]any{"spec": map[string]any{"tags": []any{}}}
	for _, k := range []jsonschema.ErrorKind{
		&kind.MinItems{Got: 0, Want: 1},
		&kind.MaxItems{Got: 3, Want: 2},
		&kind.MinProperties{Got: 0, Want: 1},
		&kind.MaxProperties{Got: 3, Want: 2},
		&kind.UniqueItems{Duplicates: [2]int{0, 1}},
	} {
		e := &jsonschema.ValidationError{ErrorKind: k, InstanceLocation: []string{"spec", "tags"}}
		errs := v.describe("Interface", doc, e)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Message, "spec.tags: ") || len(errs[0].Message) <= len("spec.tags: ") {
			t.Errorf("%T: got %+v", k, errs)
		}
	}
}
