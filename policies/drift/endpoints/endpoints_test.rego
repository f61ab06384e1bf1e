package ifacelint.rules.drift.endpoints_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.drift.endpoints as rule

servers(_) := {
	"file": "api/orders.yaml",
	"servers": [
		{"url": "https://api.example.com/v1", "display": "https://api.example.com/v1", "at": "api/orders.yaml:4:10"},
		{"url": "http://eu.example.com/v1", "display": "http://eu.example.com/v1", "at": "api/orders.yaml:5:10"},
	],
	"schemes": [], "scopes": [],
}

no_servers(_) := {"file": "api/orders.yaml", "servers": [], "schemes": [], "scopes": []}

unreadable(_) := {"file": "api/orders.yaml", "error": "api/orders.yaml: no such file in the repository"}

doc(urls) := fixture.doc({"apiSpec": "api/orders.yaml", "endpoints": [{"url": u} | some u in urls]})

test_fires_for_a_server_not_in_endpoints if {
	rule.deny == {{
		"msg": `server "http://eu.example.com/v1" of the OpenAPI description (api/orders.yaml:5:10) is not in spec.endpoints`,
		"path": ["spec", "endpoints"],
	}} with input as doc(["https://api.example.com/v1"])
		with ifacelint.openapi as servers
}

test_fires_for_an_endpoint_not_served if {
	rule.deny == {{
		"msg": `endpoint "https://old.example.com/v1" is not a server of the OpenAPI description api/orders.yaml`,
		"path": ["spec", "endpoints", 2, "url"],
	}} with input as doc(["https://api.example.com/v1", "http://eu.example.com/v1", "https://user:pw@old.example.com/v1?key=1"])
		with ifacelint.openapi as servers
}

test_fires_for_every_server_without_endpoints if {
	count(rule.deny) == 2 with input as fixture.doc({"apiSpec": "api/orders.yaml"}) with ifacelint.openapi as servers
}

test_passes_when_they_match_ignoring_case_and_trailing_slash if {
	count(rule.deny) == 0 with input as doc(["https://API.example.com/v1/", "http://eu.example.com/v1"])
		with ifacelint.openapi as servers
}

test_passes_when_the_description_names_no_absolute_server if {
	count(rule.deny) == 0 with input as doc(["https://api.example.com/v1"]) with ifacelint.openapi as no_servers
}

test_leaves_an_unreadable_description_to_api_spec if {
	count(rule.deny) == 0 with input as doc(["https://x.example.com"]) with ifacelint.openapi as unreadable
}

test_passes_for_webhooks if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "webhook", "apiSpec": "api/orders.yaml"})
		with ifacelint.openapi as servers
}

test_passes_without_api_spec if {
	count(rule.deny) == 0 with input as fixture.doc({"endpoints": [{"url": "https://x.example.com"}]})
		with ifacelint.openapi as servers
}
