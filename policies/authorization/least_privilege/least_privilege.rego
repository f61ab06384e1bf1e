# METADATA
# title: Service accounts and privileged roles are least-privileged
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
#     spec.authorization.serviceAccount.privileged is true: one finding. A
#     privileged Interface whose spec.authorization.roles are all
#     all-powerful names (`*`, superuser, root, admin, in any case): one
#     finding, at the roles.
#   remediation: >-
#     Give the integration a dedicated service account with only the
#     permissions it needs and set
#     spec.authorization.serviceAccount.privileged to false. On a privileged
#     interface, grant roles scoped to the tasks (user-admin, billing-admin,
#     auditor) instead of one all-powerful role, and list them in
#     spec.authorization.roles.
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

import data.ifacelint.lib

deny contains finding if {
	input.spec.authorization.serviceAccount.privileged == true
	finding := {
		"msg": _msg(input.spec.authorization.serviceAccount),
		"path": ["spec", "authorization", "serviceAccount", "privileged"],
	}
}

deny contains finding if {
	lib.privileged(input.spec)
	roles := [role | some role in input.spec.authorization.roles]
	count(roles) > 0
	every role in roles {
		is_string(role)
		lower(role) in _all_powerful
	}
	finding := {
		"msg": sprintf("privileged interface grants only all-powerful roles (%s): no role is scoped to a task", [lib.quoted(roles)]),
		"path": ["spec", "authorization", "roles"],
	}
}

_all_powerful := {"*", "superuser", "root", "admin"}

_msg(account) := sprintf("integration service account %q is privileged", [account.name]) if {
	is_string(account.name)
	account.name != ""
} else := "the integration service account is privileged"
