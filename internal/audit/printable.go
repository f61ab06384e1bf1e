package audit

import (
	"reflect"

	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// printable returns a copy of the evidence with every string escaped for
// one line of text (textsafe.Terminal): the form html/template then escapes
// for HTML. The evidence holds plain values; each renderer escapes for its
// medium. The data-flow graph is shared, not copied: internal/graph escapes its
// labels for each of its formats.
func printable(e *Evidence) *Evidence {
	out := reflect.New(reflect.TypeOf(*e)).Elem()
	copyPrintable(out, reflect.ValueOf(*e))
	return out.Addr().Interface().(*Evidence)
}

var graphType = reflect.TypeOf((*graph.Graph)(nil))

func copyPrintable(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(textsafe.Terminal(src.String()))
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyPrintable(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if src.Type() == graphType {
			dst.Set(src)
			return
		}
		p := reflect.New(src.Type().Elem())
		copyPrintable(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyPrintable(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		iter := src.MapRange()
		for iter.Next() {
			k := reflect.New(src.Type().Key()).Elem()
			copyPrintable(k, iter.Key())
			v := reflect.New(src.Type().Elem()).Elem()
			copyPrintable(v, iter.Value())
			m.SetMapIndex(k, v)
		}
		dst.Set(m)
	default:
		dst.Set(src)
	}
}
