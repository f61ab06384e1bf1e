//go:build race

package main

// raceEnabled: the race detector maps terabytes of shadow memory, so a
// subprocess cannot run under an address-space cap, and runs several times
// slower.
const raceEnabled = true
