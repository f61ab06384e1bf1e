package schema

import (
	"fmt"
	"strings"
	"testing"
)

// A credential pasted into the inventory is never echoed by a schema
// message or path (found by FuzzRun): values are redacted, and an error
// about a key that holds one is reported at the mapping that holds it.
func TestCredentialsNotEchoed(t *testing.T) {
	t.Parallel()
	const key = "AKIAABCDEFGHIJKLMNOP"
	doc := func(id, meta, spec string) string {
		return fmt.Sprintf("apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: %s\n  name: n\n%sspec: {type: api, direction: inbound, exposure: internal%s}\n", id, meta, spec)
	}
	tests := map[string]struct {
		src, want string
	}{
		"value with a pattern error": {doc(key, "", ""),
			"4:3 metadata.id: (a value that looks like a credential, not shown) is not valid"},
		"value with an enum error": {doc("a", "", ", criticality: "+key),
			"6:59 spec.criticality: (a value that looks like a credential, not shown) is not one of"},
		"unknown key": {doc("a", "", ", "+key+": 1"),
			"6:1 spec: a key that looks like a credential (not shown): unknown field"},
		"key with a type error below it": {doc("a", "  labels: {"+key+": [1]}\n", ""),
			"6:3 metadata.labels: a key that looks like a credential (not shown): expected string"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := check(t, tc.src)
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("got %q, want one error starting %q", got, tc.want)
			}
			if strings.Contains(strings.Join(got, "\n"), key) {
				t.Errorf("the credential is echoed: %q", got)
			}
		})
	}
}
