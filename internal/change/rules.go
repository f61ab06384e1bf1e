package change

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// ExposureOrder is spec.exposure from the narrowest audience to the widest
// (the schema's three values): a move to the right widens it.
var ExposureOrder = []string{"internal", "partner", "internet"}

// ClassificationOrder is spec.data.classification from the least sensitive
// to the most (the schema's four values): a move to the right raises it.
var ClassificationOrder = []string{"public", "internal", "confidential", "restricted"}

// AuthStrength ranks every method of spec.authentication.methods (the
// schema's twelve): 0 accepts anyone; 1 a shared secret a person types,
// sent with every request; 2 a static secret a program sends with every
// request; 3 a secret never sent (a signature) or a short-lived token
// from an identity provider; 4 proof of a private key. Methods of one
// tier are not ordered among themselves.
var AuthStrength = map[string]int{
	"none":           0,
	"password":       1,
	"basic":          1,
	"api-key":        2,
	"hmac-signature": 3,
	"jwt":            3,
	"oauth2":         3,
	"oidc":           3,
	"saml":           3,
	"sso":            3,
	"mtls":           4,
	"ssh-key":        4,
}

// SensitiveCategories are the data.categories whose arrival raises the
// data's sensitivity: personal data (pii, phi, as the SPEC defines it) and
// payment data (pci).
var SensitiveCategories = []string{"pii", "phi", "pci"}

// PersonalCategories are the categories that make data personal (SPEC §2).
var PersonalCategories = []string{"pii", "phi"}

var (
	pExposure       = inventory.Path{"spec", "exposure"}
	pMethods        = inventory.Path{"spec", "authentication", "methods"}
	pMFA            = inventory.Path{"spec", "authentication", "mfa"}
	pInTransit      = inventory.Path{"spec", "encryption", "inTransit"}
	pClassification = inventory.Path{"spec", "data", "classification"}
	pCategories     = inventory.Path{"spec", "data", "categories"}
	pThirdParty     = inventory.Path{"spec", "thirdParty"}
)

// exposureWidened: spec.exposure moves right in ExposureOrder. A side
// whose exposure is missing or not one of the schema's values is unknown
// and fires nothing.
func exposureWidened(b, h map[string]any) (inventory.Path, string, bool) {
	from, to := rank(ExposureOrder, b, "spec", "exposure"), rank(ExposureOrder, h, "spec", "exposure")
	if from < 0 || to <= from {
		return nil, "", false
	}
	var r reasons
	r.add(pExposure, "exposure widened from %s to %s", ExposureOrder[from], ExposureOrder[to])
	return r.result()
}

// authenticationWeakened: MFA was true and no longer is; none is newly
// accepted; or the weakest method accepted falls in AuthStrength (the list
// holds alternatives, so a caller picks the weakest). A head naming no
// method where the base named some counts as none, as
// authentication/required reads it. Methods outside the schema are
// ignored.
func authenticationWeakened(b, h map[string]any) (inventory.Path, string, bool) {
	var r reasons
	if isTrue(b, "spec", "authentication", "mfa") && !isTrue(h, "spec", "authentication", "mfa") {
		r.add(pMFA, "MFA removed (authentication.mfa was true)")
	}
	bm, hm := knownMethods(b), knownMethods(h)
	noneAdded := slices.Contains(hm, "none") && !slices.Contains(bm, "none")
	if noneAdded {
		r.add(methodPath(h, "none"), "method none added (anyone is accepted)")
	}
	if len(bm) > 0 && !noneAdded {
		bw, bName := weakest(bm)
		hw, hName := weakest(hm)
		switch {
		case len(hm) == 0:
			r.add(pMethods, "authentication methods removed (the base accepted %s at weakest)", bName)
		case hw < bw:
			r.add(methodPath(h, hName), "weakest method accepted is now %s (was %s)", hName, bName)
		}
	}
	return r.result()
}

// knownMethods are the document's authentication methods that
// AuthStrength ranks.
func knownMethods(doc map[string]any) []string {
	var out []string
	for _, m := range stringList(doc, "spec", "authentication", "methods") {
		if _, ok := AuthStrength[m]; ok {
			out = append(out, m)
		}
	}
	return out
}

// weakest is the lowest tier among methods and the first method in it.
func weakest(methods []string) (int, string) {
	tier, name := 1<<30, ""
	for _, m := range methods {
		if t := AuthStrength[m]; t < tier {
			tier, name = t, m
		}
	}
	return tier, name
}

// methodPath is the node of the first list item equal to name, or the
// list itself.
func methodPath(doc map[string]any, name string) inventory.Path {
	l, _ := get(doc, "spec", "authentication", "methods").([]any)
	for i, x := range l {
		if x == name {
			return pMethods.Child(i)
		}
	}
	return pMethods
}

// encryptionWeakened: encryption.inTransit.tls was true and no longer is;
// minVersion is lower than the base's, or no longer stated; mtls was true
// and no longer is. A minVersion that is not MAJOR.MINOR on either side
// compares as unknown.
func encryptionWeakened(b, h map[string]any) (inventory.Path, string, bool) {
	var r reasons
	if isTrue(b, "spec", "encryption", "inTransit", "tls") && !isTrue(h, "spec", "encryption", "inTransit", "tls") {
		r.add(pInTransit.Child("tls"), "TLS turned off (encryption.inTransit.tls was true)")
	}
	if bv, ok := tlsVersion(get(b, "spec", "encryption", "inTransit", "minVersion")); ok {
		raw := get(h, "spec", "encryption", "inTransit", "minVersion")
		hv, hok := tlsVersion(raw)
		switch {
		case raw == nil:
			r.add(pInTransit.Child("minVersion"), "minimum TLS version %s no longer stated", bv)
		case hok && hv.less(bv):
			r.add(pInTransit.Child("minVersion"), "minimum TLS version lowered from %s to %s", bv, hv)
		}
	}
	if isTrue(b, "spec", "encryption", "inTransit", "mtls") && !isTrue(h, "spec", "encryption", "inTransit", "mtls") {
		r.add(pInTransit.Child("mtls"), "mTLS removed (encryption.inTransit.mtls was true)")
	}
	return r.result()
}

// version is a MAJOR.MINOR TLS version.
type version struct{ major, minor int }

func (v version) less(w version) bool {
	return v.major < w.major || v.major == w.major && v.minor < w.minor
}

func (v version) String() string { return fmt.Sprintf("%d.%d", v.major, v.minor) }

// tlsVersion reads a minVersion: a string MAJOR.MINOR (the loader keeps a
// plain scalar's text where the schema expects a string, so 1.10 is
// "1.10").
func tlsVersion(v any) (version, bool) {
	s, ok := v.(string)
	if !ok {
		return version{}, false
	}
	major, minor, ok := strings.Cut(s, ".")
	if !ok {
		return version{}, false
	}
	a, err1 := strconv.ParseUint(major, 10, 16)
	c, err2 := strconv.ParseUint(minor, 10, 16)
	if err1 != nil || err2 != nil {
		return version{}, false
	}
	return version{int(a), int(c)}, true
}

// dataSensitivityRaised: data.classification moves right in
// ClassificationOrder (a missing or unknown side fires nothing), or
// data.categories gains one of SensitiveCategories.
func dataSensitivityRaised(b, h map[string]any) (inventory.Path, string, bool) {
	var r reasons
	from, to := rank(ClassificationOrder, b, "spec", "data", "classification"), rank(ClassificationOrder, h, "spec", "data", "classification")
	if from >= 0 && to > from {
		r.add(pClassification, "classification raised from %s to %s", ClassificationOrder[from], ClassificationOrder[to])
	}
	bc := stringList(b, "spec", "data", "categories")
	l, _ := get(h, "spec", "data", "categories").([]any)
	var added []string
	first := -1
	for i, x := range l {
		s, _ := x.(string)
		if slices.Contains(SensitiveCategories, s) && !slices.Contains(bc, s) && !slices.Contains(added, s) {
			if first < 0 {
				first = i
			}
			added = append(added, s)
		}
	}
	switch {
	case len(added) == 1:
		r.add(pCategories.Child(first), "%s data added", added[0])
	case len(added) > 1:
		r.add(pCategories, "%s data added", joinAnd(added))
	}
	return r.result()
}

// thirdPartyAdded: the head names a third party in spec.thirdParty and
// carries personal data, and the base did not send personal data to that
// third party: the document is new, named no third party or another one,
// or carried no personal data.
func thirdPartyAdded(b, h map[string]any) (inventory.Path, string, bool) {
	tp, _ := str(h, "spec", "thirdParty")
	hp := personal(h)
	if tp == "" || len(hp) == 0 {
		return nil, "", false
	}
	var why string
	btp, _ := str(b, "spec", "thirdParty")
	switch {
	case b == nil:
		why = "a new interface"
	case btp == "":
		why = "the base named no third party"
	case btp != tp:
		why = fmt.Sprintf("the base named %s", strconv.Quote(btp))
	case len(personal(b)) == 0:
		why = "the base carried no personal data"
	default:
		return nil, "", false
	}
	var r reasons
	r.add(pThirdParty, "third party %s newly receives personal data (%s; %s)", strconv.Quote(tp), joinAnd(hp), why)
	return r.result()
}

// personal returns the document's personal data categories.
func personal(doc map[string]any) []string {
	var out []string
	for _, c := range stringList(doc, "spec", "data", "categories") {
		if slices.Contains(PersonalCategories, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
