# METADATA
# title: High-criticality interfaces and vendor hand-offs have an interface control document
# description: >-
#   For interfaces the business depends on, the agreed message formats,
#   protocols and security obligations of both sides belong in an interface
#   control document that both parties can refer to when something changes or
#   breaks.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.14"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CA-3"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface without spec.icd (missing or empty) whose criticality is
#     high or critical, or that hands data to a third party (spec.thirdParty)
#     of tier high or critical: the ThirdParty's spec.tier, or when it
#     declares none the tier derived from the Interface (as for
#     third-party/assurance-current).
#   remediation: >-
#     Write or link the interface control document and set spec.icd to its
#     path or URL.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payments-gateway
#         name: Payments gateway
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         criticality: critical
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payments-gateway
#         name: Payments gateway
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         criticality: critical
#         icd: https://wiki.example.com/icd/payments-gateway
package ifacelint.rules.change.icd_for_critical

import data.ifacelint.lib

deny contains finding if {
	ifacelint.missing(input, ["spec", "icd"])
	finding := {
		"msg": _why,
		"path": ["spec", "icd"],
	}
}

_why := sprintf("interface of %s criticality has no interface control document (icd)", [input.spec.criticality]) if {
	input.spec.criticality in {"high", "critical"}
} else := sprintf("hand-off to third party %q of %s tier (%s) has no interface control document (icd)", [id, tier, lib.tier_source(third_party)]) if {
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	tier := lib.tier(third_party, input.spec)
	tier in {"high", "critical"}
}
