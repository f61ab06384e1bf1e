# METADATA
# title: Data keeps its classification along its flows
# description: >-
#   Data is as sensitive where it goes as where it came from: restricted
#   ledger data that feeds an interface classified public is handled, logged
#   and exposed as public data. A.5.12 and A.5.13 expect information to keep
#   its classification as it is transferred (A.5.14), unless it is
#   transformed so that it is less sensitive (anonymised, aggregated,
#   tokenised).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.12", "5.14"]
#   frameworks:
#     soc2: ["C1.1"]
#     nist-800-53: ["AC-4", "RA-2"]
#     cis-v8: ["3.7"]
#     pci-dss-4: ["3.2"]
#     ccm-v4: ["DSP-04"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface whose spec.data.classification is lower than that of a
#     System (spec.stores.classification) or Interface a flow comes from,
#     unless its spec.data.protection lists anonymized, aggregated or
#     tokenized (reported at spec.data.classification, naming the most
#     sensitive source); or that sends its data to a System or Interface
#     classified lower than itself, unless that System's
#     spec.stores.protection lists one of those (reported at the flow's to).
#     Ends without a classification, ThirdParty and external: ends are not
#     compared.
#   remediation: >-
#     Classify the receiving interface or system at least as high as the
#     data it receives, or transform the data on the way (anonymise,
#     aggregate or tokenise it) and declare it in data.protection.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: revenue-api
#         name: Revenue API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         data:
#           classification: public
#           flows:
#             - from: ledger
#               to: revenue-api
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
#         id: revenue-api
#         name: Revenue API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         data:
#           classification: public
#           protection: [aggregated]
#           flows:
#             - from: ledger
#               to: revenue-api
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
package ifacelint.rules.data.classification_propagation

import data.ifacelint.lib

_rank := lib.classification_rank

# What flows in: the most sensitive classified source, the lowest flow index
# among equals.
deny contains finding if {
	own := input.spec.data.classification
	_rank[own]
	not _reduces(object.get(input.spec.data, "protection", []))
	sources := [[0 - _rank[src_class], j, src] |
		some j, flow in input.spec.data.flows
		src := flow.from
		src != input.metadata.id
		src_class := lib.end_classification(lib.flow_end(src))
		_rank[src_class] > _rank[own]
	]
	count(sources) > 0
	top := sort(sources)[0]
	i := top[1]
	name := top[2]
	c := lib.end_classification(lib.flow_end(name))
	finding := {
		"msg": sprintf("interface is classified %s but receives %s data from %q (spec.data.flows[%d])", [own, c, name, i]),
		"path": ["spec", "data", "classification"],
	}
}

# What flows out: each receiver classified lower than this interface.
deny contains finding if {
	own := input.spec.data.classification
	_rank[own]
	some i, flow in input.spec.data.flows
	name := flow.to
	name != input.metadata.id
	end := lib.flow_end(name)
	c := lib.end_classification(end)
	_rank[c] < _rank[own]
	not _receiver_reduces(end)
	finding := {
		"msg": sprintf("interface sends %s data to %s %q, which is classified %s", [own, lower(end.kind), name, c]),
		"path": ["spec", "data", "flows", i, "to"],
	}
}

_reduces(protection) if {
	some p in protection
	p in lib.reducing_protections
}

_receiver_reduces(end) if {
	end.kind == "System"
	_reduces(object.get(end.doc.spec, ["stores", "protection"], []))
}
