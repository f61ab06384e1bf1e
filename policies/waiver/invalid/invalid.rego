# METADATA
# title: Waivers are complete and well-formed
# description: >-
#   A waiver is an audited risk acceptance: it must say which rule it waives,
#   why, who approved it and until when, and it cannot stretch indefinitely.
#   An invalid waiver waives nothing, so the finding it named is reported
#   again.
# custom:
#   severity: error
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["RA-7"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     A waiver (in metadata.waivers or a waiver file) that lacks rule, reason,
#     approvedBy or expires, names an unknown rule, names a rule that cannot
#     be waived (schema/invalid, secrets/no-inline, inventory/unique-id, any
#     waiver/* or baseline/* rule, or one the config lists under
#     waivers.unwaivable), names an approver the config's waivers.approvers
#     does not allow, is written in a document where the config sets
#     waivers.inline to false, or expires more than maxDays days after today.
#     One finding per invalid waiver, naming every problem. Computed by the
#     engine.
#   remediation: >-
#     Give each waiver a known rule id, a reason, an approver the config
#     allows (approvedBy) and an expires date no more than maxDays days
#     ahead, written where the config reads waivers; fix schema errors and
#     inline credentials instead of waiving them.
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

# Computed by the Go engine (internal/waiver decides every waiver once per
# document); this package only carries the catalogue entry and its
# parameters. The empty deny keeps it a rule.
deny := set()
