# METADATA
# title: External interfaces do not rely on passwords alone
# description: >-
#   Passwords and HTTP basic credentials exposed to the internet or partners
#   are guessed, phished and replayed. Without a second factor they are the
#   weakest way to authenticate an external caller.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.5"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-2(2)"]
#     cis-v8: ["6.3"]
#     pci-dss-4: ["8.3"]
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(d)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     An external Interface (exposure internet or partner) whose
#     spec.authentication.methods include basic or password while
#     spec.authentication.mfa is not true.
#   remediation: >-
#     Replace basic/password with a federated or key-based method (oidc, saml,
#     oauth2, mtls) in spec.authentication.methods, or enforce MFA and set
#     spec.authentication.mfa to true.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: partner-portal
#         name: Partner portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: partner
#         authentication:
#           methods: [password]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: partner-portal
#         name: Partner portal
#       spec:
#         type: portal
#         direction: inbound
#         exposure: partner
#         authentication:
#           methods: [password]
#           mfa: true
package ifacelint.rules.authentication.weak_method

import data.ifacelint.lib

deny contains finding if {
	lib.external(input.spec)
	weak := lib.methods(input.spec) & {"basic", "password"}
	count(weak) > 0
	not input.spec.authentication.mfa == true
	finding := {
		"msg": sprintf(
			"%s-exposed interface accepts weak authentication %s without MFA",
			[input.spec.exposure, lib.quoted(weak)],
		),
		"path": ["spec", "authentication", "methods"],
	}
}
