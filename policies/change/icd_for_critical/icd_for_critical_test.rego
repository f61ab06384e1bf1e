package ifacelint.rules.change.icd_for_critical_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.change.icd_for_critical as rule

test_fires_for_high_and_critical if {
	rule.deny == {{
		"msg": "interface of critical criticality has no interface control document (icd)",
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"criticality": "critical"})
	rule.deny == {{
		"msg": "interface of high criticality has no interface control document (icd)",
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"criticality": "high", "icd": ""})
}

test_passes_with_icd if {
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "high", "icd": "docs/icd/orders.md"})
}

test_passes_for_lower_criticality if {
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "medium"})
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "low"})
	count(rule.deny) == 0 with input as fixture.base
}

test_fires_for_a_high_tier_vendor_hand_off if {
	rule.deny == {{
		"msg": `hand-off to third party "acme" of high tier (declared) has no interface control document (icd)`,
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"criticality": "medium", "thirdParty": "acme"})
		with data.ifacelint.inventory as fixture.inventory({"tier": "high"})
	rule.deny == {{
		"msg": `hand-off to third party "acme" of high tier (derived from this interface's criticality and data) has no interface control document (icd)`,
		"path": ["spec", "icd"],
	}} with input as fixture.doc({"criticality": "medium", "thirdParty": "acme", "data": {"categories": ["pci"]}})
		with data.ifacelint.inventory as fixture.inventory({})
}

test_passes_for_lower_tier_vendors if {
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "medium", "thirdParty": "acme"})
		with data.ifacelint.inventory as fixture.inventory({"tier": "medium"})
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "low", "thirdParty": "acme", "icd": "docs/icd/x.md"})
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical"})
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody"})
		with data.ifacelint.inventory as fixture.inventory({"tier": "critical"})
}
