package policy

import "strings"

// BuiltinFile is the file a built-in rule lives in, as BuiltinSources names
// it: rule <category>/<name> is package ifacelint.rules.<category>.<name>
// (hyphens written as underscores) in its own folder,
// policies/<category>/<name>/<name>.rego, beside its unit tests
// <name>_test.rego. The id comes from the package, never from the path;
// the folders only repeat it, which the policies package's tests hold.
func BuiltinFile(id string) string {
	category, name, _ := strings.Cut(strings.ReplaceAll(id, "-", "_"), "/")
	return "policies/" + category + "/" + name + "/" + name + ".rego"
}
