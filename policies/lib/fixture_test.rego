# Package ifacelint.lib.fixture holds the documents and the clock shared by
# the built-in rules' unit tests. Its file ends in _test.rego so that it
# loads only with the tests: the engine, the catalogue and the policy digest
# never see it. It defines no test of its own.
package ifacelint.lib.fixture

# base is a minimal schema-valid Interface.
base := {
	"apiVersion": "ifacelint/v1",
	"kind": "Interface",
	"metadata": {"id": "orders-api", "name": "Orders API"},
	"spec": {"type": "api", "direction": "inbound", "exposure": "internet"},
}

# doc(spec) is base with spec merged into its spec.
doc(spec) := object.union(base, {"spec": spec})

# with_metadata(metadata) is base with metadata merged into its metadata.
with_metadata(metadata) := object.union(base, {"metadata": metadata})

# third_party(spec) is the ThirdParty document "acme" with the given spec.
third_party(spec) := {
	"apiVersion": "ifacelint/v1",
	"kind": "ThirdParty",
	"metadata": {"id": "acme", "name": "Acme Ltd"},
	"spec": spec,
}

# inventory(spec) is data.ifacelint.inventory holding only third_party(spec).
inventory(spec) := {"ThirdParty": {"acme": third_party(spec)}, "Interface": {}}

# rule_id(chain) is the id of the rule under test, read from the path of the
# calling test package (ifacelint.rules.<category>.<name>_test) the way the
# engine reads it from the rule's package, underscores as hyphens. A rule
# that passes its id to lib.param names it once, `_rule := "<id>"`, and its
# test checks it: `test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())`.
rule_id(chain) := sprintf("%s/%s", [replace(category, "_", "-"), replace(name, "_", "-")]) if {
	["ifacelint", "rules", category, test_package] = array.slice(chain[0].path, 0, 4)
	endswith(test_package, "_test")
	name := trim_suffix(test_package, "_test")
}

# now is 2026-06-01T12:00:00Z, for `with time.now_ns as now`: midday, so a
# test also checks that "today" is the calendar date (2026-06-01) and not
# "24 hours ago".
now := time.parse_rfc3339_ns("2026-06-01T12:00:00Z")
