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
		Mtime: st.Mtimespec.Nano(),
		Ctime: st.Ctimespec.Nano(),
		Ino:   st.Ino,
		Dev:   uint64(st.Dev),
	}, true
}
