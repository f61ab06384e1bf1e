# METADATA
# title: A change does not relax the config
# description: >-
#   The config (.ifacelint.yaml) decides what the gate lets through: which
#   rules run and how strictly, which files are checked, what fails the run
#   and who may accept risk. A pull request that changes it can switch the
#   gate off for itself, so under `lint --base` the head is judged with the
#   base revision's config, and every setting the head relaxes is shown for
#   review by whoever owns the config.
# custom:
#   severity: warning
#   controls: ["8.32", "5.36"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-3", "CM-4"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["CCC-04"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     Under lint --base, the head's config lets more through than the
#     base's: a rule disabled or its severity lowered (below the base's
#     setting or the rule's own), a parameter loosened (a maximum raised, a
#     minimum lowered, waiver/invalid's maxDays made negative; a parameter
#     whose direction is not known changed at all), failOn raised (error is
#     looser than warning, never the loosest), an exclude glob added, an
#     inventory root removed, a policy directory removed, waivers.inline
#     turned back on, an approver added to waivers.approvers (or the list
#     removed), a rule removed from waivers.unwaivable, or a waiver file
#     glob added. One finding per setting, at the head config's key, or at
#     its nearest remaining parent for a removed one. Computed by the
#     engine.
#   remediation: >-
#     Have the config's owners review the change. If the relaxation is
#     intended, it takes effect once the change is merged and the base
#     carries it; otherwise revert the setting.
#   examples:
#     fail: |
#       base:
#         .ifacelint.yaml: |
#           failOn: warning
#           rules:
#             session/timeout:
#               maxMinutes: 30
#       head:
#         .ifacelint.yaml: |
#           failOn: warning
#           rules:
#             session/timeout:
#               maxMinutes: 240
#     pass: |
#       base:
#         .ifacelint.yaml: |
#           failOn: warning
#           rules:
#             session/timeout:
#               maxMinutes: 30
#       head:
#         .ifacelint.yaml: |
#           failOn: warning
#           rules:
#             session/timeout:
#               maxMinutes: 15
package ifacelint.rules.gate.config_relaxed

# Computed by the Go engine (internal/gate), which compares the base and head
# revisions of a change; this package only carries the catalogue entry. The
# empty deny keeps it a rule.
deny := set()
