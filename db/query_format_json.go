package db

import (
	"bufio"
	"encoding/json"
	"strconv"
)

// jsonWriter writes each result set as a JSON array of objects, one row
// per line. Numbers that JSON can hold stay numbers, booleans become
// true/false, json and jsonb values are embedded as JSON, everything else
// is the server's text as a string; NULL is null. A statement without
// rows prints {"command": tag, "rows_affected": n}.
type jsonWriter struct {
	w    *bufio.Writer
	cols []Column
	keys [][]byte
	rows int64
}

func (j *jsonWriter) Columns(cols []Column) error {
	j.cols, j.rows = cols, 0
	j.keys = make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		j.keys[i] = append(k, ':')
	}
	_, err := j.w.WriteString("[")
	return err
}

func (j *jsonWriter) Row(vals [][]byte) error {
	if j.rows > 0 {
		j.w.WriteString(",")
	}
	j.rows++
	j.w.WriteString("\n{")
	for i, v := range vals {
		if i > 0 {
			j.w.WriteByte(',')
		}
		j.w.Write(j.keys[i])
		j.value(j.cols[i], v)
	}
	return j.w.WriteByte('}')
}

func (j *jsonWriter) value(c Column, v []byte) {
	switch {
	case v == nil:
		j.w.WriteString("null")
	case c.TypeOID == 16:
		j.w.WriteString(strconv.FormatBool(string(v) == "t"))
	case c.Numeric() && c.TypeOID != 790 && json.Valid(v) && v[0] != '"':
		j.w.Write(v)
	case (c.TypeOID == 114 || c.TypeOID == 3802) && json.Valid(v):
		j.w.Write(v)
	default:
		j.w.Write(jsonString(v))
	}
}

func jsonString(v []byte) []byte {
	b, err := json.Marshal(string(v))
	if err != nil {
		return []byte(`""`)
	}
	return b
}

func (j *jsonWriter) End(res Result) error {
	if res.HasRows {
		if j.rows > 0 {
			j.w.WriteString("\n")
		}
		j.w.WriteString("]\n")
		return nil
	}
	if res.Tag != "" {
		j.w.WriteString(`{"command":`)
		j.w.Write(jsonString([]byte(res.Tag)))
		j.w.WriteString(`,"rows_affected":` + strconv.FormatInt(res.RowsAffected, 10) + "}\n")
	}
	return nil
}

func (j *jsonWriter) Flush() error { return j.w.Flush() }
