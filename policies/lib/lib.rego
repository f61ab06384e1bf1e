# Package ifacelint.lib holds the helpers shared by the built-in rules: the
# rules' vocabulary (docs/rules.md: networked, external, sensitive, personal), missing versus
# empty, rule parameters and day arithmetic on YYYY-MM-DD dates. It defines no
# `deny`, so it is a library, not a rule. Every helper is safe under strict
# built-in errors: it is undefined, never an error, on unexpected values.
package ifacelint.lib

# --- the rules' vocabulary (docs/rules.md) ----------------------------------

# networked(spec) holds for every Interface type but `workflow`.
networked(spec) if {
	is_object(spec)
	not spec.type == "workflow"
}

# external(spec) holds for exposure `internet` or `partner`.
external(spec) if spec.exposure in {"internet", "partner"}

# privileged(spec) holds when spec.privileged is true (it defaults to false).
privileged(spec) if spec.privileged == true

# environment(spec) is spec.environment, defaulting to `production`.
environment(spec) := spec.environment if {
	is_string(spec.environment)
	spec.environment != ""
} else := "production"

# sensitive_categories are the data categories that make an Interface sensitive.
sensitive_categories := {"pii", "phi", "pci", "credentials"}

# personal_categories are the data categories that are personal data.
personal_categories := {"pii", "phi"}

# categories(spec) is the set of data categories carried (empty when missing).
categories(spec) := {c | some c in spec.data.categories}

# sensitive(spec): classification confidential/restricted, or a category among
# pii phi pci credentials.
sensitive(spec) if spec.data.classification in {"confidential", "restricted"}

sensitive(spec) if {
	some c in spec.data.categories
	c in sensitive_categories
}

# personal(spec): the Interface carries pii or phi.
personal(spec) if {
	some c in spec.data.categories
	c in personal_categories
}

# methods(spec) is the set of authentication methods, empty when missing.
methods(spec) := {m | some m in spec.authentication.methods}

# --- missing versus empty -------------------------------------------------------

# present(x) holds when x is not null and not an empty string, list, set or
# object: the rules count an empty value as missing. Pass it only values that
# are defined; to ask "missing or empty?" use missing(obj, path), never
# `not present(ref)`: OPA hoists a function argument out of the negation, so
# `not present(input.absent)` is undefined rather than true.
present(x) if is_number(x)

present(x) if is_boolean(x)

present(x) if {
	is_string(x)
	x != ""
}

present(x) if {
	is_array(x)
	count(x) > 0
}

present(x) if {
	is_object(x)
	count(x) > 0
}

present(x) if {
	is_set(x)
	count(x) > 0
}

# missing(obj, path) holds when the value at path (a list of keys) below the
# object obj is absent, null or empty, e.g.
# missing(input, ["spec", "secrets", "store"]).
# The built-in ifacelint.missing does the same as
# `is_object(obj); not present(object.get(obj, path, null))`, in Go. The
# built-in rules call ifacelint.missing directly: the same result, without
# the cost of a Rego function call, on every document.
missing(obj, path) if ifacelint.missing(obj, path)

# --- parameters -----------------------------------------------------------------

# param(id, name) is the parameter of rule id as supplied by the engine:
# the custom.params defaults of the rule's METADATA merged with the user's
# config. There is deliberately no fallback: METADATA is the single source
# of truth.
#
# A rule names its own id once, as _rule (a string constant), and passes
# _rule; its test checks _rule against the package path (fixture.rule_id).
param(id, name) := data.ifacelint.params[id][name]

# --- dates ---------------------------------------------------------------------

_ns_per_day := ((24 * 60) * 60) * 1000000000

# today is the UTC calendar date of time.now_ns(), as a day number (days since
# 1970-01-01).
today := floor(time.now_ns() / _ns_per_day)

# is_date(s) holds for a string shaped YYYY-MM-DD.
is_date(s) if {
	is_string(s)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, s)
}

# day_number(s) is the day number of a YYYY-MM-DD string (days since
# 1970-01-01), undefined for anything else, never an error: the built-in
# ifacelint.day_number (Hinnant's days_from_civil, in Go for speed).
day_number(s) := ifacelint.day_number(s)

# age_days(s) is how many whole days ago the date s was (negative when it is
# in the future).
age_days(s) := today - day_number(s)

# older_than(s, n) holds when the date s is more than n days before today; a
# date exactly n days ago, or in the future, is still current.
older_than(s, n) if age_days(s) > n

# days_ahead(s) is how many whole days after today the date s is (negative
# when it is in the past).
days_ahead(s) := day_number(s) - today

# parse_uint(s) is the number written by a string of ASCII digits ("08" is
# 8); undefined for anything else. to_number alone rejects leading zeros.
parse_uint(s) := _digits(s) if {
	is_string(s)
	regex.match(`^[0-9]+$`, s)
}

_digits(s) := to_number(t) if {
	t := trim_left(s, "0")
	t != ""
} else := 0

# --- rules ---------------------------------------------------------------------

# known_rule(id) holds when id is a rule the engine knows, built-in or custom,
# loaded or not. The engine supplies them as the keys of
# data.ifacelint.known_rules. (They cannot live at data.ifacelint.rules: that
# is where the rule packages themselves are, and a lookup there with a
# variable key makes every rule that calls it recursive.)
known_rule(id) if data.ifacelint.known_rules[id]

# --- messages ------------------------------------------------------------------

# quoted(xs) lists the strings of an array or set, sorted, each quoted:
# `"a", "b"`.
quoted(xs) := concat(", ", [sprintf("%q", [x]) | some x in sort(xs)])

# path_string(path) renders a finding path for a message: spec.endpoints[0].url.
path_string(path) := "the document" if {
	count(path) == 0
} else := concat("", [_segment(i, s) | some i, s in path])

_segment(i, s) := s if {
	i == 0
	is_string(s)
} else := sprintf(".%s", [s]) if {
	is_string(s)
} else := sprintf("[%v]", [s])

# display_url(url) drops user information, query and fragment from a URL, so
# that a password or token embedded in it never reaches the output.
display_url(url) := regex.replace(
	regex.replace(url, `[?#].*$`, ""),
	`^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@`,
	"${1}",
)

# --- OpenAPI descriptions --------------------------------------------------------

# api_facts(spec) is what the OpenAPI description spec.apiSpec names says
# (ifacelint.openapi): its servers, the security schemes and scopes its
# operations require, anonymous access; or {"file", "error"} when it cannot
# be read. Undefined without spec.apiSpec.
api_facts(spec) := ifacelint.openapi(spec.apiSpec) if {
	is_string(spec.apiSpec)
	spec.apiSpec != ""
}

# --- third parties ---------------------------------------------------------------

# tiers are the vendor risk tiers, the highest first.
tiers := ["critical", "high", "medium", "low"]

# tier(third_party, spec) is the risk tier of a ThirdParty document as seen
# from an Interface (spec) that uses it: its spec.tier when it declares one,
# else the tier the Interface's criticality and data make it (derived_tier).
tier(third_party, spec) := third_party.spec.tier if {
	third_party.spec.tier in tiers
} else := derived_tier(spec)

# tier_source(third_party) says where tier took the tier from, for messages.
tier_source(third_party) := "declared" if {
	third_party.spec.tier in tiers
} else := "derived from this interface's criticality and data"

# derived_tier(spec) is the tier of a supplier that an Interface with this
# spec makes it: its criticality when high or critical; high for restricted
# data or data of category phi, pci or credentials; medium for other
# sensitive data or medium criticality; else low.
derived_tier(spec) := "critical" if {
	spec.criticality == "critical"
} else := "high" if {
	spec.criticality == "high"
} else := "high" if {
	spec.data.classification == "restricted"
} else := "high" if {
	some c in spec.data.categories
	c in {"phi", "pci", "credentials"}
} else := "medium" if {
	sensitive(spec)
} else := "medium" if {
	spec.criticality == "medium"
} else := "low"

# --- data flows ------------------------------------------------------------------

# external_end(name) holds for a flow end written external:<name> on
# purpose: a party outside the inventory.
external_end(name) if {
	is_string(name)
	startswith(name, "external:")
	trim_space(substring(name, 9, -1)) != ""
}

# flow_end(name) is the inventory document a flow end names, as {"kind",
# "doc"}: a System, else an Interface (its summary), else a ThirdParty;
# undefined when it names none (or is external:<name>).
flow_end(name) := {"kind": "System", "doc": doc} if {
	is_string(name)
	doc := data.ifacelint.inventory.System[name]
} else := {"kind": "Interface", "doc": doc} if {
	is_string(name)
	doc := data.ifacelint.inventory.Interface[name]
} else := {"kind": "ThirdParty", "doc": doc} if {
	is_string(name)
	doc := data.ifacelint.inventory.ThirdParty[name]
}

# classification_rank orders the data classifications.
classification_rank := {"public": 0, "internal": 1, "confidential": 2, "restricted": 3}

# end_classification(end) is what a flow end (flow_end) is classified: a
# System's spec.stores.classification, an Interface's
# spec.data.classification; undefined for a ThirdParty or when missing.
end_classification(end) := c if {
	end.kind == "System"
	c := end.doc.spec.stores.classification
	classification_rank[c]
} else := c if {
	end.kind == "Interface"
	c := end.doc.spec.data.classification
	classification_rank[c]
}

# reducing_protections are the data.protection values that make what leaves
# a transformation less sensitive than what came in.
reducing_protections := {"anonymized", "aggregated", "tokenized"}

# zones are the trust zones, those of spec.exposure.
zones := {"internet", "partner", "internal"}

# flow_zone(name) is the trust zone of a flow end: internet for
# external:<name>, a System's spec.zone, an Interface's spec.exposure,
# partner for a ThirdParty; undefined when unknown.
flow_zone(name) := "internet" if {
	external_end(name)
} else := _end_zone(flow_end(name))

_end_zone(end) := z if {
	end.kind == "System"
	z := end.doc.spec.zone
	z in zones
} else := z if {
	end.kind == "Interface"
	z := end.doc.spec.exposure
	z in zones
} else := "partner" if {
	end.kind == "ThirdParty"
}
