package ifacelint.rules.network.endpoints_listed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.network.endpoints_listed as rule

test_fires_without_endpoints if {
	rule.deny == {{
		"msg": "internet-exposed api lists no endpoints (spec.endpoints)",
		"path": ["spec", "endpoints"],
	}} with input as fixture.base
	count(rule.deny) == 1 with input as fixture.doc({"exposure": "partner", "type": "file-transfer", "endpoints": []})
	count(rule.deny) == 1 with input as fixture.doc({"versions": [{"version": "v1", "endpoints": []}]})
}

test_passes_with_endpoints if {
	count(rule.deny) == 0 with input as fixture.doc({"endpoints": [{"url": "https://api.example.com"}]})
	count(rule.deny) == 0 with input as fixture.doc({"versions": [{"version": "v2", "endpoints": [{"url": "https://api.example.com/v2"}]}]})
}

test_passes_internal_or_workflow if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "workflow", "exposure": "partner"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "webhook", "direction": "outbound"})
}
