package ifacelint.rules.drift.scopes_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.drift.scopes as rule

facts(_) := {
	"file": "api/orders.yaml",
	"servers": [],
	"schemes": [],
	"scopes": [
		{"scope": "orders:read", "scheme": "oauth", "at": "api/orders.yaml:30:22"},
		{"scope": "admin", "scheme": "oauth", "at": "api/orders.yaml:41:22"},
	],
}

unreadable(_) := {"file": "api/orders.yaml", "error": "api/orders.yaml:1:1: not an OpenAPI description"}

doc(scopes) := fixture.doc({"apiSpec": "api/orders.yaml", "authorization": {"model": "scopes", "scopes": scopes}})

test_fires_for_a_scope_not_declared if {
	rule.deny == {{
		"msg": `the OpenAPI description requires scope "admin" of "oauth" at api/orders.yaml:41:22, but authorization.scopes does not declare it`,
		"path": ["spec", "authorization", "scopes"],
	}} with input as doc(["orders:read"])
		with ifacelint.openapi as facts
}

test_fires_for_every_scope_without_scopes if {
	count(rule.deny) == 2 with input as fixture.doc({"apiSpec": "api/orders.yaml"}) with ifacelint.openapi as facts
}

test_matches_exactly if {
	count(rule.deny) == 2 with input as doc(["Orders:Read", "ADMIN"]) with ifacelint.openapi as facts
}

test_passes_when_every_scope_is_declared if {
	count(rule.deny) == 0 with input as doc(["admin", "orders:read", "orders:write"]) with ifacelint.openapi as facts
}

test_leaves_an_unreadable_description_to_api_spec if {
	count(rule.deny) == 0 with input as doc([]) with ifacelint.openapi as unreadable
}

test_passes_for_webhooks if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "webhook", "apiSpec": "api/orders.yaml"})
		with ifacelint.openapi as facts
}
