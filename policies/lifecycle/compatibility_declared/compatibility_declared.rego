# METADATA
# title: Production APIs offered outside declare a compatibility policy
# description: >-
#   Partners and internet clients build on an API they do not control. Without
#   a stated policy for what may change in a version, how a breaking change is
#   versioned and how long an old version is served, every release can break
#   them, and a security fix that needs a breaking change has no agreed path.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.32", "5.14"]
#   frameworks:
#     soc2: []
#     nist-800-53: []
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface of type api with spec.lifecycle production and exposure
#     internet or partner whose spec.versioning.policy (where the
#     compatibility and deprecation policy is written) is missing or empty:
#     one finding. A document without spec.lifecycle never fires.
#   remediation: >-
#     Write down the compatibility policy (what a version may change, how a
#     breaking change is versioned, how long an old version is served) and
#     set spec.versioning.policy to where it is; spec.versioning.scheme says
#     how clients choose a version.
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
#         exposure: partner
#         lifecycle: production
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         lifecycle: production
#         versioning:
#           scheme: path
#           policy: https://developer.example.com/orders/versioning
package ifacelint.rules.lifecycle.compatibility_declared

import data.ifacelint.lib

deny contains finding if {
	input.spec.lifecycle == "production"
	input.spec.type == "api"
	lib.external(input.spec)
	ifacelint.missing(input, ["spec", "versioning", "policy"])
	finding := {
		"msg": sprintf("production API exposed to %s does not say where its compatibility policy is (spec.versioning.policy)", [input.spec.exposure]),
		"path": ["spec", "versioning", "policy"],
	}
}
