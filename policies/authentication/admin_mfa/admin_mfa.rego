# METADATA
# title: Admin interfaces require MFA
# description: >-
#   Administrative portals, privileged command-line access and network entry
#   points such as bastions are the most valuable targets for credential
#   theft. A single stolen password must not be enough to take them over.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.5", "8.2"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-2(1)"]
#     cis-v8: ["6.5"]
#     pci-dss-4: ["8.4", "8.4.1"]
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(d)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     A privileged Interface (spec.privileged: true) of type portal, cli or
#     network whose spec.authentication.mfa is not true (missing or false).
#   remediation: >-
#     Enforce multi-factor authentication for every user of the interface and
#     set spec.authentication.mfa to true.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         privileged: true
#         authentication:
#           methods: [sso]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internal
#         privileged: true
#         authentication:
#           methods: [sso]
#           mfa: true
package ifacelint.rules.authentication.admin_mfa

import data.ifacelint.lib

deny contains finding if {
	lib.privileged(input.spec)
	input.spec.type in {"portal", "cli", "network"}
	not input.spec.authentication.mfa == true
	finding := {
		"msg": sprintf("privileged %s interface does not require MFA (authentication.mfa is not true)", [input.spec.type]),
		"path": ["spec", "authentication", "mfa"],
	}
}
