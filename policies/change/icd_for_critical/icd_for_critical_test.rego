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
