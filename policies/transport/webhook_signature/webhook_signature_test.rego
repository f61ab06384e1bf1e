package ifacelint.rules.transport.webhook_signature_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.transport.webhook_signature as rule

webhook(spec) := fixture.doc(object.union({"type": "webhook"}, spec))

finding := {
	"msg": "inbound webhook verifies neither an HMAC signature nor mutual TLS (authentication.methods)",
	"path": ["spec", "authentication", "methods"],
}

test_fires_without_signature if {
	rule.deny == {finding} with input as webhook({"authentication": {"methods": ["api-key"]}})
	rule.deny == {finding} with input as webhook({})
}

test_passes_with_hmac_or_mtls if {
	count(rule.deny) == 0 with input as webhook({"authentication": {"methods": ["hmac-signature"]}})
	count(rule.deny) == 0 with input as webhook({"authentication": {"methods": ["api-key", "mtls"]}})
}

test_only_inbound_webhooks if {
	count(rule.deny) == 0 with input as webhook({"direction": "outbound"})
	count(rule.deny) == 0 with input as webhook({"direction": "bidirectional"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "api"})
}
