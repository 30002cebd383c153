package widget

// Row is one result row kept compactly: the values back to back in one
// string and their end offsets, with NULLs marked by a negative end, so a
// row costs two allocations whatever its width.
type Row struct {
	data string
	ends []int32
}

// NewRow copies vals (nil is NULL) into a Row.
func NewRow(vals [][]byte) Row {
	n := 0
	for _, v := range vals {
		n += len(v)
	}
	buf := make([]byte, 0, n)
	ends := make([]int32, len(vals))
	for i, v := range vals {
		buf = append(buf, v...)
		if v == nil {
			ends[i] = -int32(len(buf)) - 1
		} else {
			ends[i] = int32(len(buf))
		}
	}
	return Row{data: string(buf), ends: ends}
}

// Len is the number of values.
func (r Row) Len() int { return len(r.ends) }

// Value returns value i and whether it is NULL.
func (r Row) Value(i int) (string, bool) {
	if i < 0 || i >= len(r.ends) {
		return "", true
	}
	start := int32(0)
	if i > 0 {
		start = end(r.ends[i-1])
	}
	e := r.ends[i]
	if e < 0 {
		return "", true
	}
	return r.data[start:e], false
}

// Size is the row's approximate memory cost in bytes.
func (r Row) Size() int { return len(r.data) + 4*len(r.ends) + 48 }

func end(e int32) int32 {
	if e < 0 {
		return -e - 1
	}
	return e
}
