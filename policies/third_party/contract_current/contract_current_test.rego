package ifacelint.rules.third_party.contract_current_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.third_party.contract_current as rule

iface := fixture.doc({"thirdParty": "acme"})

test_fires_when_expired if {
	rule.deny == {{
		"msg": `third party "acme" is in use but its contract expired on 2026-05-31, 1 days ago (contract.expires)`,
		"path": ["spec", "thirdParty"],
	}} with input as iface
		with data.ifacelint.inventory as fixture.inventory({"contract": {"expires": "2026-05-31"}})
		with time.now_ns as fixture.now
}

test_passes_on_the_last_day if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"contract": {"expires": "2026-06-01"}})
		with time.now_ns as fixture.now
}

test_passes_without_expiry_or_supplier if {
	count(rule.deny) == 0 with input as iface
		with data.ifacelint.inventory as fixture.inventory({"contract": {"dpa": true}})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.doc({"thirdParty": "nobody"})
		with data.ifacelint.inventory as fixture.inventory({"contract": {"expires": "2020-01-01"}})
		with time.now_ns as fixture.now
	count(rule.deny) == 0 with input as fixture.base
		with data.ifacelint.inventory as fixture.inventory({"contract": {"expires": "2020-01-01"}})
		with time.now_ns as fixture.now
}
