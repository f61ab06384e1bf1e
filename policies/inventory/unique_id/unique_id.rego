# METADATA
# title: Document ids are unique per kind
# description: >-
#   References, waivers, baselines and reports all identify a document by kind
#   and metadata.id. Two documents sharing an id make every one of those
#   ambiguous.
# custom:
#   severity: error
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CM-8"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Two documents of one kind share metadata.id. Reported on each later one,
#     naming the first; documents are ordered by file path (bytewise), then
#     position in the file. Computed by the engine.
#   remediation: >-
#     Give each document a distinct metadata.id, or delete the duplicate.
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
#       ---
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API v2
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
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#       ---
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api-v2
#         name: Orders API v2
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.inventory.unique_id

# Computed by the Go engine (it needs positions or other rules' results); this
# package only carries the catalogue entry. The empty deny keeps it a rule.
deny := set()
