# METADATA
# title: Waivers have not expired
# description: >-
#   A waiver accepts a risk for a limited time. Once it expires the risk must
#   be fixed or accepted again; an expired waiver waives nothing, so the
#   finding it named is reported again.
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
#     A waiver in metadata.waivers whose expires date is before today (a
#     waiver expiring today is still valid). One finding per expired waiver.
#     Computed by the engine.
#   remediation: >-
#     Fix the finding the waiver covered and remove the waiver, or have the
#     risk re-approved and set a new metadata.waivers[].expires date.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: availability/rate-limited
#             reason: Fronted by the corporate gateway, which enforces limits.
#             approvedBy: security@example.com
#             expires: 2026-03-31
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
package ifacelint.rules.waiver.expired

# Computed by the Go engine (internal/waiver decides every waiver once per
# document); this package only carries the catalogue entry and its
# parameters. The empty deny keeps it a rule.
deny := set()
