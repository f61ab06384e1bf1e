# METADATA
# title: Waivers are still needed
# description: >-
#   A waiver that no longer suppresses anything is noise in the risk register
#   and would silently hide the finding if it came back. Remove waivers once
#   the issue is fixed.
# custom:
#   severity: info
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: []
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     A waiver whose rule raised nothing on that document. Not reported for
#     expired or invalid waivers, nor for waivers naming a known rule that is
#     disabled or not loaded. Computed by the engine.
#   remediation: >-
#     Remove the entry from metadata.waivers.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: errors/no-detail-leak
#             reason: Debug responses are needed during the partner pilot.
#             approvedBy: security@example.com
#             expires: 2026-12-31
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         errorHandling:
#           exposesDetails: false
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: errors/no-detail-leak
#             reason: Debug responses are needed during the partner pilot.
#             approvedBy: security@example.com
#             expires: 2026-12-31
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         errorHandling:
#           exposesDetails: true
package ifacelint.rules.waiver.unused

# Computed by the Go engine (it needs positions or other rules' results); this
# package only carries the catalogue entry. The empty deny keeps it a rule.
deny := set()
