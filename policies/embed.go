// Package policies holds ifacelint's built-in rule catalogue: one Rego v1
// policy per rule under <category>/<name>.rego, its unit tests beside it in
// <name>_test.rego, and the shared helpers in lib/. Each rule's METADATA
// block (title, description, severity, controls, trigger, remediation,
// parameters and examples) is the single source of truth for the catalogue;
// the engine, the docs and the reporters derive everything from it.
//
// The package owns only the Rego sources and their tests; loading,
// compiling and evaluating them is internal/policy's job.
package policies

import "embed"

// FS holds every built-in .rego file, tests included, at paths such as
// "authentication/admin_mfa.rego" and "lib/lib.rego".
//
//go:embed */*.rego
var FS embed.FS
