# METADATA
# title: Networked interfaces require authentication
# description: >-
#   An interface reachable over a network that accepts anyone lets any caller
#   read or change what it carries. Only interfaces publishing public data
#   without privileged functions may go without authentication.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.5", "5.15"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["AC-3", "AC-14", "IA-2", "IA-8"]
#     cis-v8: []
#     pci-dss-4: ["8.3", "8.3.1"]
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(a)(1)", "164.312(d)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     A networked Interface (any type but workflow) whose
#     spec.authentication.methods is missing, empty or includes none, unless
#     its data.classification is public and it is not privileged.
#   remediation: >-
#     List the authentication the interface enforces in
#     spec.authentication.methods (for example [oidc] or [mtls]) and remove
#     none; if it really only serves public data, set spec.data.classification
#     to public and keep spec.privileged false.
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
#           classification: confidential
#         authentication:
#           methods: [none]
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
#         authentication:
#           methods: [oidc]
package ifacelint.rules.authentication.required

import data.ifacelint.lib

deny contains finding if {
	lib.networked(input.spec)
	not _exempt
	ifacelint.missing(input, ["spec", "authentication", "methods"])
	finding := {
		"msg": "networked interface lists no authentication.methods",
		"path": ["spec", "authentication", "methods"],
	}
}

deny contains finding if {
	"none" in input.spec.authentication.methods # rarely: decided before the rest
	lib.networked(input.spec)
	not _exempt
	nones := {i | some i, method in input.spec.authentication.methods; method == "none"}
	count(nones) > 0
	finding := {
		"msg": `authentication.methods includes "none": the interface accepts unauthenticated callers`,
		"path": ["spec", "authentication", "methods", min(nones)],
	}
}

# Public data behind a non-privileged interface may be served anonymously.
_exempt if {
	input.spec.data.classification == "public"
	not lib.privileged(input.spec)
}
