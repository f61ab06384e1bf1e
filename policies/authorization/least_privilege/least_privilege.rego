# METADATA
# title: Integration service accounts are not privileged
# description: >-
#   An integration runs unattended with a stored credential. If its service
#   account is privileged, compromising the integration compromises everything
#   the account can administer.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.2", "5.15"]
#   frameworks:
#     soc2: ["CC6.3"]
#     nist-800-53: ["AC-6"]
#     cis-v8: []
#     pci-dss-4: ["7.2", "7.2.5"]
#     ccm-v4: ["IAM-05"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     gdpr: ["25(2)"]
#     owasp-api-2023: []
#   trigger: >-
#     spec.authorization.serviceAccount.privileged is true.
#   remediation: >-
#     Give the integration a dedicated service account with only the
#     permissions it needs and set
#     spec.authorization.serviceAccount.privileged to false.
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
#         authorization:
#           serviceAccount:
#             name: svc-crm-sync
#             privileged: true
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
#         authorization:
#           serviceAccount:
#             name: svc-crm-sync
#             privileged: false
package ifacelint.rules.authorization.least_privilege

deny contains finding if {
	input.spec.authorization.serviceAccount.privileged == true
	finding := {
		"msg": _msg(input.spec.authorization.serviceAccount),
		"path": ["spec", "authorization", "serviceAccount", "privileged"],
	}
}

_msg(account) := sprintf("integration service account %q is privileged", [account.name]) if {
	is_string(account.name)
	account.name != ""
} else := "the integration service account is privileged"
