//go:build !unix

package cache

import "os"

// mapFile maps nothing on this platform: files are read whole.
func mapFile(*os.File, int64) ([]byte, func(), bool) { return nil, nil, false }
