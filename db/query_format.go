package db

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/pgdeck/pgdeck/internal/safetext"
)

// ResultWriter is a Sink that writes results to a stream as they arrive,
// for `pgdeck query` and for exporting a result from the console.
type ResultWriter interface {
	Sink
	// End finishes a statement: closes a result set, or prints the
	// command tag of a statement without rows.
	End(res Result) error
	// Flush writes out anything buffered.
	Flush() error
}

// Formats NewResultWriter accepts.
var Formats = []string{"table", "csv", "json", "markdown"}

// NewResultWriter returns a writer for format: table (aligned, as psql),
// csv (byte for byte what psql --csv prints), json (an array of objects
// per result set) or markdown.
func NewResultWriter(w io.Writer, format string) (ResultWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "csv":
		return &csvWriter{w: bw}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "markdown", "md":
		return &mdWriter{w: bw}, nil
	case "table", "":
		return &tableWriter{w: bw}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// csvWriter follows psql's csv_print_field: a field is quoted when it
// holds the separator, a quote, CR or LF, or is exactly \. ; NULL and the
// empty string both print as nothing. Command tags print on their own
// line, as psql does for statements without rows.
type csvWriter struct {
	w     *bufio.Writer
	wrote bool
}

func (c *csvWriter) Columns(cols []Column) error {
	for i, col := range cols {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.field([]byte(col.Name))
	}
	_, err := c.w.WriteString("\n")
	return err
}

func (c *csvWriter) Row(vals [][]byte) error {
	if len(vals) == 0 {
		return nil // psql prints nothing for a row without columns
	}
	for i, v := range vals {
		if i > 0 {
			c.w.WriteByte(',')
		}
		c.field(v)
	}
	return c.w.WriteByte('\n')
}

// csvSpecial marks the bytes that make psql quote a field.
var csvSpecial = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// csvPlain reports whether v prints unquoted. A table lookup per byte
// beats bytes.IndexAny here, which builds its set on every call.
func csvPlain(v []byte) bool {
	for _, b := range v {
		if csvSpecial[b] {
			return false
		}
	}
	return len(v) != 2 || v[0] != '\\' || v[1] != '.'
}

func (c *csvWriter) field(v []byte) {
	if csvPlain(v) {
		c.w.Write(v)
		return
	}
	c.w.WriteByte('"')
	for {
		i := bytes.IndexByte(v, '"')
		if i < 0 {
			break
		}
		c.w.Write(v[:i+1])
		c.w.WriteByte('"')
		v = v[i+1:]
	}
	c.w.Write(v)
	c.w.WriteByte('"')
}

func (c *csvWriter) End(res Result) error {
	if !res.HasRows && res.Tag != "" {
		c.w.WriteString(res.Tag + "\n")
	}
	return nil
}

func (c *csvWriter) Flush() error { return c.w.Flush() }

// mdWriter writes GitHub-flavoured Markdown tables.
type mdWriter struct {
	w *bufio.Writer
}

func (m *mdWriter) Columns(cols []Column) error {
	m.w.WriteString("|")
	for _, c := range cols {
		m.w.WriteString(" " + mdEscape([]byte(c.Name)) + " |")
	}
	m.w.WriteString("\n|")
	for _, c := range cols {
		if c.Numeric() {
			m.w.WriteString("---:|")
		} else {
			m.w.WriteString("---|")
		}
	}
	_, err := m.w.WriteString("\n")
	return err
}

func (m *mdWriter) Row(vals [][]byte) error {
	m.w.WriteString("|")
	for _, v := range vals {
		if v == nil {
			m.w.WriteString(" *NULL* |")
			continue
		}
		m.w.WriteString(" " + mdEscape(v) + " |")
	}
	_, err := m.w.WriteString("\n")
	return err
}

func (m *mdWriter) End(res Result) error {
	if res.HasRows {
		m.w.WriteString("\n")
	} else if res.Tag != "" {
		m.w.WriteString(res.Tag + "\n\n")
	}
	return nil
}

func (m *mdWriter) Flush() error { return m.w.Flush() }

func mdEscape(v []byte) string {
	s := safetext.Display(string(v))
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return s
}
