# METADATA
# title: Waivers are complete and well-formed
# description: >-
#   A waiver is an audited risk acceptance: it must say which rule it waives,
#   why, and until when, and it cannot stretch indefinitely. An invalid waiver
#   waives nothing, so the finding it named is reported again.
# custom:
#   severity: error
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["RA-7"]
#     cis-v8: []
#     pci-dss-4: []
#   trigger: >-
#     A waiver in metadata.waivers that lacks rule, reason or expires, names
#     an unknown rule, names a rule that cannot be waived (schema/invalid or
#     any waiver/* rule), or expires more than maxDays days after today. One
#     finding per invalid waiver, naming every problem. Computed by the
#     engine.
#   remediation: >-
#     Give each entry in metadata.waivers a known rule id, a reason, and an
#     expires date no more than maxDays days ahead; fix schema errors instead
#     of waiving them.
#   params:
#     maxDays: 365
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: availability/rate-limit
#             reason: Fronted by the corporate gateway, which enforces limits.
#             expires: 2026-12-31
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
#         waivers:
#           - rule: availability/rate-limited
#             reason: Fronted by the corporate gateway, which enforces limits.
#             approvedBy: security@example.com
#             expires: 2026-12-31
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.waiver.invalid

# Computed by the Go engine (pkg/waiver decides every waiver once per
# document); this package only carries the catalogue entry and its
# parameters. The empty deny keeps it a rule.
deny := set()
