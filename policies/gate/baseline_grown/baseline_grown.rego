# METADATA
# title: A change does not grow the baseline
# description: >-
#   A baseline accepts the findings an inventory had when it adopted the
#   gate, so that they can be fixed over time. A pull request that adds to
#   it accepts its own new findings without review, so under `lint --base`
#   the head is judged with the base revision's baseline, and every entry
#   the head adds or raises is shown.
# custom:
#   severity: warning
#   controls: ["8.32", "5.36"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "RA-7"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["CCC-08"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Under lint --base with --baseline, an entry of the head's baseline
#     file whose rule, document kind, id and path (rule and file for a
#     file-level entry) the base's baseline does not hold, or holds with a
#     lower count. One finding per entry, at its rule (added) or its count
#     (raised) in the head's baseline file. Entries removed or lowered are
#     not reported. Computed by the engine.
#   remediation: >-
#     Fix the new findings instead of accepting them, or accept one with a
#     waiver that names an approver and an expiry date; regenerate the
#     baseline (--write-baseline) only in a change of its own.
#   examples:
#     fail: |
#       base:
#         baseline.json: |
#           {"version": 1, "entries": [
#             {"rule": "availability/rate-limited", "kind": "Interface", "id": "orders-api",
#              "path": "spec", "file": "apis/orders.yaml", "count": 1}
#           ]}
#       head:
#         baseline.json: |
#           {"version": 1, "entries": [
#             {"rule": "availability/rate-limited", "kind": "Interface", "id": "orders-api",
#              "path": "spec", "file": "apis/orders.yaml", "count": 1},
#             {"rule": "session/timeout", "kind": "Interface", "id": "admin-console",
#              "path": "spec.session", "file": "apis/admin.yaml", "count": 1}
#           ]}
#     pass: |
#       base:
#         baseline.json: |
#           {"version": 1, "entries": [
#             {"rule": "availability/rate-limited", "kind": "Interface", "id": "orders-api",
#              "path": "spec", "file": "apis/orders.yaml", "count": 2}
#           ]}
#       head:
#         baseline.json: |
#           {"version": 1, "entries": [
#             {"rule": "availability/rate-limited", "kind": "Interface", "id": "orders-api",
#              "path": "spec", "file": "apis/orders.yaml", "count": 1}
#           ]}
package ifacelint.rules.gate.baseline_grown

# Computed by the Go engine (internal/gate), which compares the base and head
# revisions of a change; this package only carries the catalogue entry. The
# empty deny keeps it a rule.
deny := set()
