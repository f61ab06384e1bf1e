# METADATA
# title: Non-production environments do not carry real personal or card data
# description: >-
#   Development, test and staging environments have weaker controls and wider
#   access than production. Real personal, health or card data there must be
#   anonymised, pseudonymised or replaced with synthetic data (A.8.31,
#   A.8.33).
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.31", "8.33"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["PM-25", "SA-3(2)"]
#     cis-v8: ["16.8"]
#     pci-dss-4: ["6.5", "6.5.5"]
#     ccm-v4: ["DSP-15", "IVS-05"]
#     hipaa: []
#     gdpr: ["5(1)(b)", "25(1)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface whose spec.environment is not production (it defaults to
#     production) that carries pii, phi or pci data, and whose
#     spec.data.protection includes none of anonymized, pseudonymized or
#     synthetic.
#   remediation: >-
#     Use synthetic, anonymised or pseudonymised data outside production and
#     record it in spec.data.protection.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api-staging
#         name: Orders API (staging)
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         environment: staging
#         data:
#           classification: confidential
#           categories: [pii]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api-staging
#         name: Orders API (staging)
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#         environment: staging
#         data:
#           classification: confidential
#           categories: [pii]
#           protection: [synthetic]
package ifacelint.rules.environment.segregation

import data.ifacelint.lib

_regulated := {"pii", "phi", "pci"}

_safe_protection := {"anonymized", "pseudonymized", "synthetic"}

deny contains finding if {
	environment := lib.environment(input.spec)
	environment != "production"
	regulated := lib.categories(input.spec) & _regulated
	count(regulated) > 0
	protection := {p | some p in input.spec.data.protection}
	count(protection & _safe_protection) == 0
	finding := {
		"msg": sprintf(
			"%s interface carries %s data that is not anonymized, pseudonymized or synthetic (data.protection)",
			[environment, concat(", ", sort(regulated))],
		),
		"path": ["spec", "data", "protection"],
	}
}
