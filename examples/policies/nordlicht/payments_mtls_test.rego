package ifacelint.rules.nordlicht.payments_mtls_test

import data.ifacelint.rules.nordlicht.payments_mtls

partner_api := {
	"kind": "Interface",
	"metadata": {"id": "card-api", "labels": {"domain": "payments"}},
	"spec": {"type": "api", "exposure": "partner", "encryption": {"inTransit": {"tls": true}}},
}

test_fires_without_mtls if {
	payments_mtls.deny == {{
		"msg": "partner payments interface \"card-api\" does not use mutual TLS",
		"path": ["spec", "encryption", "inTransit", "mtls"],
	}} with input as partner_api
}

test_passes_with_mtls if {
	count(payments_mtls.deny) == 0 with input as json.patch(partner_api, [{"op": "add", "path": "/spec/encryption/inTransit/mtls", "value": true}])
}

test_ignores_internal_interfaces if {
	count(payments_mtls.deny) == 0 with input as json.patch(partner_api, [{"op": "replace", "path": "/spec/exposure", "value": "internal"}])
}

test_ignores_other_domains if {
	count(payments_mtls.deny) == 0 with input as json.patch(partner_api, [{"op": "replace", "path": "/metadata/labels/domain", "value": "support"}])
}

test_ignores_workflows if {
	count(payments_mtls.deny) == 0 with input as json.patch(partner_api, [{"op": "replace", "path": "/spec/type", "value": "workflow"}])
}
