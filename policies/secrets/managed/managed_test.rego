package ifacelint.rules.secrets.managed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.secrets.managed as rule

outbound(
	methods,
	spec,
) := fixture.doc(object.union({"direction": "outbound", "authentication": {"methods": methods}}, spec))

test_fires_without_store if {
	rule.deny == {{
		"msg": `"api-key", "basic" credentials are used but secrets.store does not say where they are kept`,
		"path": ["spec", "secrets", "store"],
	}} with input as outbound(["basic", "api-key", "oidc"], {})
	count(rule.deny) == 1
		with input as outbound(["hmac-signature"], {"direction": "bidirectional", "secrets": {"store": ""}})
	count(rule.deny) == 1 with input as outbound(["password"], {"secrets": {"rotationDays": 30}})
}

test_passes_with_store if {
	count(rule.deny) == 0 with input as outbound(["api-key"], {"secrets": {"store": "vault"}})
}

test_passes_inbound if {
	count(rule.deny) == 0 with input as outbound(["api-key"], {"direction": "inbound"})
}

test_passes_without_stored_credentials if {
	count(rule.deny) == 0 with input as outbound(["mtls", "oauth2"], {})
}
