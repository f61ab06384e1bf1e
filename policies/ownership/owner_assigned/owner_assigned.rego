# METADATA
# title: Every document has an owning team and contact
# description: >-
#   An inventory entry nobody owns is an entry nobody keeps true. ISO 27001
#   A.5.9 expects every information asset to have an owner who answers for it;
#   a team and a reachable contact are what an incident responder or auditor
#   needs first.
# custom:
#   severity: error
#   kinds: [Interface, ThirdParty, System]
#   controls: ["5.9"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["CM-8", "CM-8(4)"]
#     cis-v8: []
#     pci-dss-4: ["12.5", "12.5.1"]
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface, ThirdParty or System document whose metadata.owner.team or
#     metadata.owner.contact is missing or empty (an empty string counts as
#     missing).
#   remediation: >-
#     Set metadata.owner.team to the accountable team and
#     metadata.owner.contact to a monitored address or rota, e.g. owner:
#     {team: payments, contact: payments-oncall@example.com}.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         owner:
#           team: commerce
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
#         owner:
#           team: commerce
#           contact: commerce-oncall@example.com
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.ownership.owner_assigned

deny contains finding if {
	absent := [field | some field in ["team", "contact"]; ifacelint.missing(input, ["metadata", "owner", field])]
	count(absent) > 0
	finding := _finding(absent)
}

_finding(absent) := {
	"msg": sprintf("metadata.owner.%s is missing or empty", [absent[0]]),
	"path": ["metadata", "owner", absent[0]],
} if {
	count(absent) == 1
} else := {
	"msg": "no owner assigned: metadata.owner.team and metadata.owner.contact are missing or empty",
	"path": ["metadata", "owner"],
}
