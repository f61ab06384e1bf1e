package ifacelint.rules.secrets.rotation_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.secrets.rotation as rule

secrets(s) := fixture.doc({"direction": "outbound", "secrets": s})

test_fires_without_rotation if {
	rule.deny == {{
		"msg": `secrets in "vault" have no rotation period (secrets.rotationDays)`,
		"path": ["spec", "secrets", "rotationDays"],
	}} with input as secrets({"store": "vault"})
}

test_fires_above_max if {
	rule.deny == {{
		"msg": "secrets.rotationDays is 91, above the maximum of 90",
		"path": ["spec", "secrets", "rotationDays"],
	}} with input as secrets({"store": "vault", "rotationDays": 91})
}

test_passes_at_or_below_max if {
	count(rule.deny) == 0 with input as secrets({"store": "vault", "rotationDays": 90})
	count(rule.deny) == 0 with input as secrets({"store": "vault", "rotationDays": 30})
}

test_passes_without_store if {
	count(rule.deny) == 0 with input as secrets({"rotationDays": 400})
	count(rule.deny) == 0 with input as secrets({"store": ""})
	count(rule.deny) == 0 with input as fixture.base
}

test_param_max_days if {
	count(rule.deny) == 0 with input as secrets({"store": "kms", "rotationDays": 180})
		with data.ifacelint.params as {"secrets/rotation": {"maxDays": 180}}
	count(rule.deny) == 1 with input as secrets({"store": "kms", "rotationDays": 60})
		with data.ifacelint.params as {"secrets/rotation": {"maxDays": 30}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
