# METADATA
# title: Personal data leaving the organisation is minimised
# description: >-
#   Personal data sent to a third party or an external audience should be
#   reduced to what the recipient needs: minimised, pseudonymised, tokenised
#   or otherwise protected (GDPR data minimisation, A.5.34 privacy and A.8.11
#   data masking).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.11", "5.34"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["SI-12(1)", "SI-19"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["DSP-08"]
#     hipaa: []
#     gdpr: ["5(1)(c)", "25(1)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface carrying personal data (category pii or phi) with direction
#     outbound or bidirectional, whose spec.data.protection is missing or
#     empty, where spec.thirdParty is set or the exposure is external
#     (internet or partner).
#   remediation: >-
#     Send only the fields the recipient needs and record the measures taken
#     in spec.data.protection (minimized, pseudonymized, anonymized,
#     tokenized, field-encryption or synthetic).
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-export
#         name: CRM export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [pii]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-export
#         name: CRM export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [pii]
#           protection: [minimized, pseudonymized]
package ifacelint.rules.data.minimization

import data.ifacelint.lib

deny contains finding if {
	lib.personal(input.spec)
	input.spec.direction in {"outbound", "bidirectional"}
	ifacelint.missing(input, ["spec", "data", "protection"])
	finding := {
		"msg": sprintf("personal data (%s) is sent %s %s without any data.protection measure", [
			concat(", ", sort(lib.categories(input.spec) & lib.personal_categories)),
			input.spec.direction,
			_recipient,
		]),
		"path": ["spec", "data", "protection"],
	}
}

_recipient := sprintf("to third party %q", [input.spec.thirdParty]) if {
	not ifacelint.missing(input, ["spec", "thirdParty"])
} else := sprintf("over %s %s-exposed interface", [_article(input.spec.exposure), input.spec.exposure]) if {
	lib.external(input.spec)
}

# The article before an exposure: "an internet-exposed", "a partner-exposed".
_article(word) := "an" if {
	lower(substring(word, 0, 1)) in {"a", "e", "i", "o", "u"}
} else := "a"
