# METADATA
# title: Interfaces declare the classification of their data
# description: >-
#   Almost every other control depends on how sensitive the data is. An
#   interface whose data is not classified cannot be checked for the
#   protection it needs (A.5.12).
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.12"]
#   frameworks:
#     soc2: ["C1.1"]
#     nist-800-53: ["RA-2"]
#     cis-v8: ["3.7"]
#     pci-dss-4: []
#     ccm-v4: ["DSP-04"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface without spec.data.classification.
#   remediation: >-
#     Set spec.data.classification to the most sensitive class of data the
#     interface carries: public, internal, confidential or restricted.
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
#         data:
#           categories: [pii]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         data:
#           classification: confidential
#           categories: [pii]
package ifacelint.rules.data.classified

deny contains finding if {
	ifacelint.missing(input, ["spec", "data", "classification"])
	finding := {
		"msg": "interface does not declare spec.data.classification",
		"path": ["spec", "data", "classification"],
	}
}
