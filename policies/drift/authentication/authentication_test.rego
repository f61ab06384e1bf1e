package ifacelint.rules.drift.authentication_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.drift.authentication as rule

facts(_) := {
	"file": "api/orders.yaml",
	"servers": [],
	"schemes": [
		{"name": "oauth", "type": "oauth2", "summary": "oauth2 clientCredentials", "method": "oauth2", "at": "api/orders.yaml:20:7"},
		{"name": "key", "type": "apiKey", "summary": "apiKey in header X-API-Key", "method": "api-key", "at": "api/orders.yaml:31:9"},
		{"name": "digest", "type": "http", "summary": "http digest", "method": "", "at": "api/orders.yaml:40:9"},
	],
	"scopes": [],
}

anonymous(x) := object.union(facts(x), {"anonymous": {"operation": "GET /status", "at": "api/orders.yaml:50:7"}})

globally_anonymous(x) := object.union(facts(x), {"anonymous": {"operation": "", "at": "api/orders.yaml:12:1"}})

unreadable(_) := {"file": "api/orders.yaml", "error": "api/orders.yaml:1:1: not an OpenAPI description"}

doc(methods) := fixture.doc({"apiSpec": "api/orders.yaml", "authentication": {"methods": methods}})

test_fires_for_a_scheme_not_listed if {
	rule.deny == {{
		"msg": `the OpenAPI description requires security scheme "key" (apiKey in header X-API-Key) at api/orders.yaml:31:9, but authentication.methods does not list api-key`,
		"path": ["spec", "authentication", "methods"],
	}} with input as doc(["oauth2"])
		with ifacelint.openapi as facts
}

test_fires_for_every_scheme_without_methods if {
	count(rule.deny) == 2 with input as fixture.doc({"apiSpec": "api/orders.yaml"}) with ifacelint.openapi as facts
}

test_fires_for_anonymous_access_without_none if {
	rule.deny == {{
		"msg": "GET /status allows anonymous access in the OpenAPI description (api/orders.yaml:50:7), but authentication.methods does not list none",
		"path": ["spec", "authentication", "methods"],
	}} with input as doc(["oauth2", "api-key"])
		with ifacelint.openapi as anonymous
}

test_names_the_global_requirement if {
	rule.deny == {{
		"msg": "the global security requirement allows anonymous access in the OpenAPI description (api/orders.yaml:12:1), but authentication.methods does not list none",
		"path": ["spec", "authentication", "methods"],
	}} with input as doc(["oauth2", "api-key"])
		with ifacelint.openapi as globally_anonymous
}

test_passes_when_every_method_is_listed if {
	count(rule.deny) == 0 with input as doc(["api-key", "oauth2", "none"]) with ifacelint.openapi as anonymous
}

test_leaves_an_unreadable_description_to_api_spec if {
	count(rule.deny) == 0 with input as doc([]) with ifacelint.openapi as unreadable
}

test_passes_for_webhooks if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "webhook", "apiSpec": "api/orders.yaml"})
		with ifacelint.openapi as anonymous
}
