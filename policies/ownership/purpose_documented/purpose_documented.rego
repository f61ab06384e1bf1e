# METADATA
# title: Interfaces say what they are for
# description: >-
#   A one-line purpose lets a reviewer judge whether an interface should still
#   exist and whether its controls fit. An inventory of bare identifiers does
#   not meet A.5.9's expectation of a useful register of assets.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.9"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["CM-8"]
#     cis-v8: ["12.4"]
#     pci-dss-4: ["12.5", "12.5.1"]
#     ccm-v4: []
#     hipaa: []
#     gdpr: ["30(1)"]
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface without metadata.description, or with an empty one.
#   remediation: >-
#     Add metadata.description: one or two sentences on what crosses this
#     interface, between whom, and why.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         description: Lets the web shop place and track customer orders.
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.ownership.purpose_documented

deny contains finding if {
	ifacelint.missing(input, ["metadata", "description"])
	finding := {
		"msg": "interface has no metadata.description saying what it is for",
		"path": ["metadata", "description"],
	}
}
