// Package inventory finds inventory files, parses every YAML document they hold
// and keeps, for each document, the region of every node (where it starts and
// where its text ends) so that a finding can point at the exact place it is
// about. yaml.v3 gives nodes a start only; region.go finds their ends in the
// source bytes.
//
// It owns the loader's defences against hostile input (size, aliases, depth,
// encoding). It knows nothing about the schema or the rules: where the schema
// decides how a scalar is read, the caller passes that decision in (Options).
//
// The promise: this is ifacelint's public document model, the one package of
// the module other Go programs may import (everything else is internal/).
// Within a major version, Walk, Parse, LoadFile, File, Document, Path, Pos
// and Region keep their meaning and their signatures; a document parsed here
// is located exactly as `ifacelint lint` locates its findings, and the
// limits of Options hold for any input, however hostile. New fields and
// functions may be added.
package inventory
