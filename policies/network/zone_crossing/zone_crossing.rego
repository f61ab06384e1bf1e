# METADATA
# title: Flows that cross trust zones are encrypted and authenticated
# description: >-
#   A flow from one trust zone into another (the internet or a partner into
#   the internal network, or back) crosses a boundary that A.8.20, A.8.22
#   and NIST SC-7 and AC-4 expect to be controlled: the interface that
#   carries it must encrypt the channel and authenticate the other side.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.20", "8.22", "5.14"]
#   frameworks:
#     soc2: ["CC6.6", "CC6.7"]
#     nist-800-53: ["AC-4", "SC-7", "SC-8"]
#     cis-v8: ["3.10", "12.2"]
#     pci-dss-4: ["1.4", "4.2"]
#     ccm-v4: ["IVS-03", "CEK-03"]
#     hipaa: ["164.312(e)(1)"]
#     gdpr: ["32(1)(a)"]
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     A networked Interface (every type but workflow) with a
#     spec.data.flows entry whose ends are in different trust zones — a
#     System's spec.zone, an Interface's spec.exposure, partner for a
#     ThirdParty, internet for external:<name> — when
#     spec.encryption.inTransit.tls is not true or spec.authentication.methods
#     is missing, empty or only none. Reported once, for the first such flow,
#     at what is missing.
#   remediation: >-
#     Serve the interface over TLS and set spec.encryption.inTransit.tls to
#     true, and authenticate the other side (spec.authentication.methods:
#     mtls, oauth2, hmac-signature …).
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: partner-feed
#         name: Partner feed
#       spec:
#         type: queue
#         direction: inbound
#         exposure: partner
#         authentication:
#           methods: [mtls]
#         data:
#           classification: internal
#           flows:
#             - from: external:partner-broker
#               to: orders-store
#       ---
#       apiVersion: ifacelint/v1
#       kind: System
#       metadata:
#         id: orders-store
#         name: Orders store
#       spec:
#         zone: internal
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: partner-feed
#         name: Partner feed
#       spec:
#         type: queue
#         direction: inbound
#         exposure: partner
#         authentication:
#           methods: [mtls]
#         encryption:
#           inTransit:
#             tls: true
#         data:
#           classification: internal
#           flows:
#             - from: external:partner-broker
#               to: orders-store
#       ---
#       apiVersion: ifacelint/v1
#       kind: System
#       metadata:
#         id: orders-store
#         name: Orders store
#       spec:
#         zone: internal
package ifacelint.rules.network.zone_crossing

import data.ifacelint.lib

deny contains finding if {
	lib.networked(input.spec)
	crossing := [[i, a, b] |
		some i, flow in input.spec.data.flows
		a := lib.flow_zone(flow.from)
		b := lib.flow_zone(flow.to)
		a != b
	]
	count(crossing) > 0
	[i, a, b] := crossing[0]
	missing := _missing
	count(missing) > 0
	finding := {
		"msg": sprintf("flow %d crosses from the %s zone to the %s zone but the interface has no %s", [i, a, b, concat(" and no ", [m.what | some m in missing])]),
		"path": missing[0].path,
	}
}

_missing := [m |
	some m in [
		{"what": "TLS (encryption.inTransit.tls is not true)", "path": ["spec", "encryption", "inTransit", "tls"], "ok": _tls},
		{"what": "authentication (authentication.methods)", "path": ["spec", "authentication", "methods"], "ok": _authenticated},
	]
	m.ok == false
]

default _tls := false

_tls if input.spec.encryption.inTransit.tls == true

default _authenticated := false

_authenticated if {
	some m in lib.methods(input.spec)
	m != "none"
}
