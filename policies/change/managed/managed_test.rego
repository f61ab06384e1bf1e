package ifacelint.rules.change.managed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.change.managed as rule

test_fires_without_process if {
	rule.deny == {{
		"msg": "interface names no change-management process (changeManagement.process)",
		"path": ["spec", "changeManagement", "process"],
	}} with input as fixture.base
	count(rule.deny) == 1 with input as fixture.doc({"changeManagement": {"ticket": "CHG-1", "approvals": 2}})
	count(rule.deny) == 1 with input as fixture.doc({"changeManagement": {"process": ""}})
}

test_passes_with_process if {
	count(rule.deny) == 0 with input as fixture.doc({"changeManagement": {"process": "CAB"}})
}

test_fires_for_high_criticality_without_ticket_or_approval if {
	rule.deny == {{
		"msg": "high-criticality interface records neither a change ticket nor an approval (changeManagement.ticket, changeManagement.approvals)",
		"path": ["spec", "changeManagement"],
	}} with input as fixture.doc({"criticality": "high", "changeManagement": {"process": "cab", "approvals": 0}})
	count(rule.deny) == 2 with input as fixture.doc({"criticality": "critical"})
}

test_passes_for_high_criticality_with_ticket_or_approval if {
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "critical", "changeManagement": {"process": "cab", "ticket": "CHG-1"}})
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "high", "changeManagement": {"process": "cab", "approvals": 1}})
	count(rule.deny) == 0 with input as fixture.doc({"criticality": "medium", "changeManagement": {"process": "cab", "approvals": 0}})
}
