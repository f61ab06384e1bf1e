package policy

import "testing"

// A rule file lies in its policy directory, "." (the working directory)
// included; a sibling whose name starts alike does not.
func TestInDir(t *testing.T) {
	for _, tc := range []struct {
		file, dir string
		want      bool
	}{
		{"x.rego", ".", true},
		{"acme/x.rego", ".", true},
		{"../x.rego", ".", false},
		{"pol/x.rego", "pol", true},
		{"pol/acme/x.rego", "pol", true},
		{"policies/x.rego", "pol", false},
		{"pol", "pol", true},
		{"/abs/x.rego", ".", false},
		{"/abs/x.rego", "/abs", true},
		{"..x.rego", ".", true},
	} {
		if got := inDir(tc.file, tc.dir); got != tc.want {
			t.Errorf("inDir(%q, %q) = %v, want %v", tc.file, tc.dir, got, tc.want)
		}
	}
}
