# METADATA
# title: Data flows name known systems
# description: >-
#   A data flow whose ends are free text cannot be followed: nothing relates
#   it to where the data is stored, how that place is classified, or which
#   trust zone it is in. A.5.14 and NIST AC-4 expect information flows to be
#   known between identified parties; an end that names no System,
#   Interface or ThirdParty of the inventory, and is not marked as outside
#   it, is a gap in the data-flow map.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.14", "5.9"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["AC-4", "CM-8"]
#     cis-v8: ["3.8"]
#     pci-dss-4: ["1.2.4"]
#     ccm-v4: ["DSP-05"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     gdpr: ["30(1)"]
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     In an inventory that describes its systems (one kind: System document
#     or more), an Interface with a spec.data.flows entry whose from or to is
#     neither the metadata.id of a System, Interface or ThirdParty document
#     in the inventory nor written external:<name> (a party outside the
#     inventory, on purpose). Reported at the flow's from or to. An
#     inventory without System documents has no map to check flows against
#     yet, and this rule stays quiet there.
#   remediation: >-
#     Describe the system in a kind: System document (id, owner, trust zone,
#     what it stores) and use its id, fix the spelling, or write
#     external:<name> for a party the inventory does not describe.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: ledger-export
#         name: Ledger export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: internal
#         data:
#           classification: restricted
#           flows:
#             - from: ghost-system
#               to: ledger-export
#       ---
#       apiVersion: ifacelint/v1
#       kind: System
#       metadata:
#         id: ledger
#         name: Ledger
#       spec:
#         zone: internal
#         stores:
#           classification: restricted
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: ledger-export
#         name: Ledger export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: internal
#         data:
#           classification: restricted
#           flows:
#             - from: ledger
#               to: ledger-export
#             - from: ledger-export
#               to: external:auditor-sftp
#       ---
#       apiVersion: ifacelint/v1
#       kind: System
#       metadata:
#         id: ledger
#         name: Ledger
#       spec:
#         zone: internal
#         stores:
#           classification: restricted
package ifacelint.rules.data.flow_endpoint_known

import data.ifacelint.lib

# Whether the inventory has Systems is asked last, only about an end that
# resolves to nothing: a document whose flow ends all resolve reads only the
# entries they name, and its cached findings depend on those alone.
deny contains finding if {
	some i, flow in input.spec.data.flows
	some side in ["from", "to"]
	name := flow[side]
	is_string(name)
	name != ""
	not _known(name)
	_has_systems
	finding := {
		"msg": _message(side, name),
		"path": ["spec", "data", "flows", i, side],
	}
}

# A rule of its own, not a count(...) in deny's body: OPA's rule index
# resolves every data reference in a body to index it, so the count there
# decoded (and, for the cache, read) every System on every evaluation.
_has_systems if count(data.ifacelint.inventory.System) > 0

_known(name) if lib.external_end(name)

_known(name) if lib.flow_end(name)

_message(side, name) := sprintf("flow %s %q has no name after external:", [side, name]) if {
	startswith(name, "external:")
} else := sprintf("flow %s %q names no System, Interface or ThirdParty in the inventory (write external:%s for a party outside it)", [side, name, name])
