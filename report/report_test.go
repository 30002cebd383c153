package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestID64RoundTrip(t *testing.T) {
	type row struct {
		QueryID ID64 `json:"queryid"`
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, row{QueryID: -9007199254740993}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"queryid\": \"-9007199254740993\"\n}\n"
	if buf.String() != want {
		t.Fatalf("got %q want %q", buf.String(), want)
	}
	var back row
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back.QueryID != -9007199254740993 {
		t.Fatalf("round trip: %v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"queryid": 42}`), &back); err != nil || back.QueryID != 42 {
		t.Fatalf("bare number: %v %v", back, err)
	}
}

func TestWriteJSONNoHTMLEscape(t *testing.T) {
	var buf bytes.Buffer
	_ = WriteJSON(&buf, map[string]string{"q": "a < b && c > d"})
	if !bytes.Contains(buf.Bytes(), []byte("a < b && c > d")) {
		t.Fatalf("escaped: %s", buf.String())
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("JSON", Text, JSON); err != nil || f != JSON {
		t.Fatalf("%v %v", f, err)
	}
	if _, err := ParseFormat("xml", Text, JSON); err == nil {
		t.Fatal("xml accepted")
	}
}
