# METADATA
# title: Sensitive interfaces declare an authorization model
# description: >-
#   Authenticating a caller says who they are, not what they may do. An
#   interface carrying sensitive data needs a stated access-control model so
#   reviewers can check that callers only reach what they are entitled to.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.15"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["AC-3"]
#     cis-v8: ["3.3"]
#     pci-dss-4: ["7.2", "7.2.1"]
#     ccm-v4: ["IAM-16"]
#     hipaa: ["164.308(a)(4)(i)", "164.312(a)(1)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API1", "API5"]
#   trigger: >-
#     A sensitive Interface (data.classification confidential or restricted,
#     or a data category among pii, phi, pci, credentials) whose
#     spec.authorization.model is missing, empty or none.
#   remediation: >-
#     Set spec.authorization.model to the model the interface enforces (rbac,
#     abac, scopes or acl) and describe the roles or scopes granted.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: patient-records
#         name: Patient records API
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         data:
#           classification: restricted
#           categories: [phi]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: patient-records
#         name: Patient records API
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         data:
#           classification: restricted
#           categories: [phi]
#         authorization:
#           model: rbac
#           roles: [clinician]
package ifacelint.rules.authorization.model_declared

import data.ifacelint.lib

deny contains finding if {
	lib.sensitive(input.spec)
	ifacelint.missing(input, ["spec", "authorization", "model"])
	finding := {
		"msg": "interface carries sensitive data but declares no authorization.model",
		"path": ["spec", "authorization", "model"],
	}
}

deny contains finding if {
	lib.sensitive(input.spec)
	input.spec.authorization.model == "none"
	finding := {
		"msg": `interface carries sensitive data but its authorization.model is "none"`,
		"path": ["spec", "authorization", "model"],
	}
}
