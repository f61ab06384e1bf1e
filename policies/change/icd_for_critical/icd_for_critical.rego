# METADATA
# title: High-criticality interfaces have an interface control document
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
#     An Interface with criticality high or critical without spec.icd (missing
#     or empty).
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

deny contains finding if {
	input.spec.criticality in {"high", "critical"}
	ifacelint.missing(input, ["spec", "icd"])
	finding := {
		"msg": sprintf("interface of %s criticality has no interface control document (icd)", [input.spec.criticality]),
		"path": ["spec", "icd"],
	}
}
