package ifacelint.rules.drift.api_spec_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.drift.api_spec as rule

with_spec := fixture.doc({"apiSpec": "api/orders.yaml"})

unreadable(path) := {"file": path, "error": "api/orders.yaml: no such file in the repository"}

readable(path) := {"file": path, "servers": [], "schemes": [], "scopes": []}

test_fires_when_the_description_cannot_be_read if {
	rule.deny == {{
		"msg": "spec.apiSpec names an OpenAPI description that cannot be read: api/orders.yaml: no such file in the repository",
		"path": ["spec", "apiSpec"],
	}} with input as with_spec
		with ifacelint.openapi as unreadable
}

test_passes_when_the_description_reads if {
	count(rule.deny) == 0 with input as with_spec with ifacelint.openapi as readable
}

test_passes_without_api_spec if {
	count(rule.deny) == 0 with input as fixture.base with ifacelint.openapi as unreadable
}

test_ignores_an_empty_api_spec if {
	count(rule.deny) == 0 with input as fixture.doc({"apiSpec": ""}) with ifacelint.openapi as unreadable
}
