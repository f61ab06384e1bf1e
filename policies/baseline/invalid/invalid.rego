# METADATA
# title: Baseline entries accept only findings a baseline may hold
# description: >-
#   A baseline lets a large inventory adopt the gate without fixing every
#   finding first. Some findings can never be accepted that way: a
#   schema-invalid document is not evaluated by the other rules, a
#   credential in the inventory stays in git history, a duplicate id makes
#   every decision about the document ambiguous, and a waiver or a baseline
#   cannot vouch for itself. An entry naming such a rule accepts nothing.
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
#     An entry of the baseline file (--baseline) names a rule that can be
#     neither waived nor baselined: schema/invalid, secrets/no-inline,
#     inventory/unique-id, any waiver/* or baseline/* rule, a rule the
#     config adds under waivers.unwaivable, or a gate/* rule (its findings
#     are file-level, so one entry would accept every later change of its
#     kind unseen). One finding per entry, at its
#     rule in the baseline file; the findings it named are reported as if
#     it were absent. Computed by the engine.
#   remediation: >-
#     Remove the entry from the baseline and fix the findings it named;
#     `ifacelint lint --write-baseline` never writes such entries.
#   examples:
#     fail: |
#       {"version": 1, "entries": [
#         {"rule": "schema/invalid", "kind": "Interface", "id": "orders-api",
#          "path": "metadata.x_note", "file": "example.yaml", "count": 1}
#       ]}
#     pass: |
#       {"version": 1, "entries": [
#         {"rule": "availability/rate-limited", "kind": "Interface", "id": "orders-api",
#          "path": "spec", "file": "example.yaml", "count": 1}
#       ]}
package ifacelint.rules.baseline.invalid

# Computed by the Go engine, when it applies the baseline; this package only
# carries the catalogue entry. The empty deny keeps it a rule.
deny := set()
