// Package policies holds the built-in Rego rules and their tests, embedded
// in the binary: one file per rule at <category>/<name>.rego with
// <name>_test.rego beside it, and the shared library in lib/.
package policies

import "embed"

// FS holds every built-in .rego file, tests included.
//
//go:embed */*.rego
var FS embed.FS
