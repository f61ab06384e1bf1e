package ifacelint.rules.monitoring.alerts_typed_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.monitoring.alerts_typed as rule

test_fires_on_plain_strings if {
	rule.deny == {{
		"msg": "1 of monitoring.alerts is a plain name, which says nothing of what it watches: write {kind, ref}",
		"path": ["spec", "monitoring", "alerts", 1],
	}} with input as fixture.doc({"monitoring": {"alerts": [{"kind": "error-rate"}, "todo"]}})
	rule.deny == {{
		"msg": "2 of monitoring.alerts are a plain name, which says nothing of what it watches: write {kind, ref}",
		"path": ["spec", "monitoring", "alerts", 0],
	}} with input as fixture.doc({"monitoring": {"alerts": ["a", "b"]}})
}

test_passes_typed_or_none if {
	count(rule.deny) == 0 with input as fixture.doc({"monitoring": {"alerts": [{"kind": "error-rate", "ref": "orders-5xx"}]}})
	count(rule.deny) == 0 with input as fixture.base
	count(rule.deny) == 0 with input as fixture.doc({"monitoring": {"alerts": []}})
}
