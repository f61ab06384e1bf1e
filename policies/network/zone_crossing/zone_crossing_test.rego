package ifacelint.rules.network.zone_crossing_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.network.zone_crossing as rule

inventory := {
	"System": {
		"ledger": {"spec": {"zone": "internal"}},
		"edge-cache": {"spec": {"zone": "internet"}},
		"unzoned": {"spec": {}},
	},
	"Interface": {"orders-api": {"spec": {"exposure": "internet"}}},
	"ThirdParty": {"acme": {"spec": {}}},
}

iface(spec) := fixture.doc(object.union(
	{"data": {"flows": [
		{"from": "external:shoppers", "to": "edge-cache"},
		{"from": "orders-api", "to": "ledger"},
	]}},
	spec,
))

test_fires_without_tls_and_authentication if {
	rule.deny == {{
		"msg": "flow 1 crosses from the internet zone to the internal zone but the interface has no TLS (encryption.inTransit.tls is not true) and no authentication (authentication.methods)",
		"path": ["spec", "encryption", "inTransit", "tls"],
	}} with input as iface({"authentication": {"methods": ["none"]}})
		with data.ifacelint.inventory as inventory
}

test_fires_without_authentication if {
	rule.deny == {{
		"msg": "flow 1 crosses from the internet zone to the internal zone but the interface has no authentication (authentication.methods)",
		"path": ["spec", "authentication", "methods"],
	}} with input as iface({"encryption": {"inTransit": {"tls": true}}})
		with data.ifacelint.inventory as inventory
}

test_passes_with_tls_and_authentication if {
	count(rule.deny) == 0 with input as iface({"encryption": {"inTransit": {"tls": true}}, "authentication": {"methods": ["mtls"]}})
		with data.ifacelint.inventory as inventory
}

test_passes_within_a_zone_or_unknown if {
	count(rule.deny) == 0 with input as fixture.doc({"data": {"flows": [
		{"from": "external:shoppers", "to": "orders-api"},
		{"from": "ledger", "to": "unzoned"},
		{"from": "ghost", "to": "ledger"},
	]}})
		with data.ifacelint.inventory as inventory
	count(rule.deny) == 1 with input as fixture.doc({"data": {"flows": [{"from": "acme", "to": "ledger"}]}})
		with data.ifacelint.inventory as inventory
}

test_workflows_are_not_networked if {
	count(rule.deny) == 0 with input as iface({"type": "workflow"})
		with data.ifacelint.inventory as inventory
}
