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
