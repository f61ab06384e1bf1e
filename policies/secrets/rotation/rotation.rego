# METADATA
# title: Stored secrets are rotated
# description: >-
#   A secret that never changes stays valid for whoever copied it, however
#   long ago. Regular rotation bounds the damage of an unnoticed leak.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.17"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-5"]
#     cis-v8: []
#     pci-dss-4: ["8.6", "8.6.3"]
#     ccm-v4: ["CEK-12", "IAM-15"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     spec.secrets.store is set and spec.secrets.rotationDays is missing or
#     above maxDays.
#   remediation: >-
#     Rotate the credential at least every maxDays days (automate it in the
#     secret store) and record the period in spec.secrets.rotationDays.
#   params:
#     maxDays: 90
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-sync
#         name: CRM sync
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         secrets:
#           store: vault
#           rotationDays: 365
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-sync
#         name: CRM sync
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         secrets:
#           store: vault
#           rotationDays: 90
package ifacelint.rules.secrets.rotation

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "secrets/rotation"

deny contains finding if {
	not ifacelint.missing(input, ["spec", "secrets", "store"])
	ifacelint.missing(input, ["spec", "secrets", "rotationDays"])
	finding := {
		"msg": sprintf("secrets in %q have no rotation period (secrets.rotationDays)", [input.spec.secrets.store]),
		"path": ["spec", "secrets", "rotationDays"],
	}
}

deny contains finding if {
	not ifacelint.missing(input, ["spec", "secrets", "store"])
	days := input.spec.secrets.rotationDays
	max_days := lib.param(_rule, "maxDays")
	is_number(days)
	days > max_days
	finding := {
		"msg": sprintf("secrets.rotationDays is %v, above the maximum of %v", [days, max_days]),
		"path": ["spec", "secrets", "rotationDays"],
	}
}
