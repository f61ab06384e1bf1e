package ifacelint.rules.third_party.conditions_open_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.conditions_open as rule

test_fires_for_an_overdue_condition if {
	rule.deny == {{
		"msg": `condition "Enforce SSO" of the conditional assessment was due on 2026-05-31, 1 days ago, and is not met`,
		"path": ["spec", "assessment", "conditions", 1, "due"],
	}} with input as fixture.third_party({"assessment": {"result": "conditional", "conditions": [
		{"description": "Pentest report", "due": "2026-06-01"},
		{"description": "Enforce SSO", "due": "2026-05-31", "met": false},
		{"description": "Encrypt backups", "due": "2026-01-01", "met": true},
	]}})
		with time.now_ns as fixture.now
}

test_fires_for_conditional_without_conditions if {
	rule.deny == {{
		"msg": "the assessment is conditional but lists no conditions (assessment.conditions)",
		"path": ["spec", "assessment", "result"],
	}} with input as fixture.third_party({"assessment": {"result": "conditional", "conditions": []}})
		with time.now_ns as fixture.now
}

test_passes_when_approved_or_on_time if {
	count(rule.deny) == 0 with input as fixture.third_party({"assessment": {"result": "approved", "conditions": [{"description": "x", "due": "2020-01-01"}]}})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.third_party({"assessment": {"result": "conditional", "conditions": [{"description": "x", "due": "2026-07-01"}]}})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.third_party({"assessment": {"result": "approved"}})
		with time.now_ns as fixture.now
}
