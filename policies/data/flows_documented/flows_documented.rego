# METADATA
# title: Interfaces document their data flows
# description: >-
#   Information transfer rules (A.5.14) start with knowing what flows from
#   where to where. Without at least one documented flow, reviewers and the
#   data-flow diagram cannot show which systems an interface connects.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.14"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CA-3"]
#     cis-v8: ["3.8"]
#     pci-dss-4: ["1.2", "1.2.4"]
#     ccm-v4: ["DSP-05"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     gdpr: ["30(1)"]
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface without at least one spec.data.flows entry that has both a
#     non-empty from and a non-empty to.
#   remediation: >-
#     Add spec.data.flows entries naming the systems on each side, e.g. {from:
#     web-shop, to: order-service, description: new orders}.
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
#           classification: internal
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
#           classification: internal
#           flows:
#             - from: web-shop
#               to: order-service
#               description: New orders and their status.
package ifacelint.rules.data.flows_documented

deny contains finding if {
	not _documented
	finding := {
		"msg": "interface documents no data flow with both from and to (spec.data.flows)",
		"path": ["spec", "data", "flows"],
	}
}

# A flow's from and to are present (lib.present) exactly when ifacelint.missing
# says they are not missing from the flow, an object.
_documented if {
	some flow in input.spec.data.flows
	is_object(flow)
	not ifacelint.missing(flow, ["from"])
	not ifacelint.missing(flow, ["to"])
}
