// Package inventorygen generates large, realistic interface inventories for
// benchmarks and tests only; the product never imports it.
//
// The output is deterministic: the same Options give byte-identical files on
// every machine and Go version (the package carries its own random number
// generator). Every Interface type appears, Interfaces refer to ThirdParty
// documents, some files hold several documents, files are 1–2 KB and sit in
// nested folders. About a quarter of the Interfaces carry exactly one planted
// violation of a known rule; every other document passes every built-in rule
// at Options.Now. The Manifest says how many findings of each rule the
// inventory must produce, which makes every generated inventory a
// correctness check of the rules as well as a benchmark input.
//
// It depends on no other ifacelint package, so any package's tests may use it.
package inventorygen
