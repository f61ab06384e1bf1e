package cache

import (
	"io/fs"
	"syscall"
)

// StatOf returns what a manifest compares of a file, from its Lstat or
// Stat; false where the platform does not say.
func StatOf(info fs.FileInfo) (Stat, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !info.Mode().IsRegular() {
		return Stat{}, false
	}
	return Stat{
		Size:  info.Size(),
		Mtime: st.Mtim.Nano(),
		Ctime: st.Ctim.Nano(),
		Ino:   uint64(st.Ino),
		Dev:   uint64(st.Dev), //nolint:unconvert // uint32 on some architectures
	}, true
}
