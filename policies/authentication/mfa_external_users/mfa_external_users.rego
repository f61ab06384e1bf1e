# METADATA
# title: Portals for outside users require MFA
# description: >-
#   A portal that customers, merchants or partners log in to from outside is
#   where stolen and reused passwords are tried first. Single sign-on or
#   OIDC moves the password elsewhere but does not stop its reuse; a second
#   factor does. Privileged portals are authentication/admin-mfa's (an
#   error).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.5"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-2(2)"]
#     cis-v8: ["6.3"]
#     pci-dss-4: ["8.4", "8.4.3"]
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(d)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     An Interface of type portal with exposure internet or partner that is
#     not privileged (spec.privileged not true) and whose
#     spec.authentication.mfa is not true (missing or false): one finding.
#   remediation: >-
#     Offer and enforce a second factor for the portal's users (at the
#     identity provider or in the portal) and set spec.authentication.mfa to
#     true.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: customer-portal
#         name: Customer portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [oidc]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: customer-portal
#         name: Customer portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [oidc]
#           mfa: true
package ifacelint.rules.authentication.mfa_external_users

import data.ifacelint.lib

deny contains finding if {
	input.spec.type == "portal"
	lib.external(input.spec)
	not lib.privileged(input.spec)
	not input.spec.authentication.mfa == true
	finding := {
		"msg": sprintf("%s-exposed portal does not require MFA of its users (authentication.mfa is not true)", [input.spec.exposure]),
		"path": ["spec", "authentication", "mfa"],
	}
}
