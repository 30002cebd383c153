package migrate

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"strings"
)

// atlasSumFile is Atlas's integrity file, which marks a folder as
// Atlas's.
const atlasSumFile = "atlas.sum"

// atlasHashes computes the hash Atlas records for each file of a folder
// (atlas_schema_revisions.hash, and the file's line in atlas.sum): a
// running SHA-256 over every *.sql file of the folder in name order — its
// name, then its content unless its first line is an `atlas:sum ignore`
// directive — each file getting the base64 digest so far. Editing one
// file therefore changes the hashes of all the files after it, as Atlas
// sees it too. Ignored files get no hash.
func atlasHashes(fsys fs.FS, entries []fs.DirEntry) (map[string]string, error) {
	h := sha256.New()
	out := map[string]string{}
	for _, e := range entries { // fs.ReadDir sorts by name, as Atlas does
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		h.Write([]byte(e.Name()))
		if atlasSumIgnored(string(b)) {
			continue
		}
		h.Write(b)
		out[e.Name()] = base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	return out, nil
}

// atlasSumIgnored reports whether a file opens with Atlas's
// `atlas:sum ignore` directive: on the first line, after any printable
// ASCII, the last `atlas:` followed by the word sum, spaces, and exactly
// the rest of the line's printable run "ignore".
func atlasSumIgnored(content string) bool {
	run := 0
	for run < len(content) && content[run] >= ' ' && content[run] <= '~' {
		run++
	}
	line := content[:run]
	i := strings.LastIndex(line, "atlas:")
	if i < 0 {
		return false
	}
	word, rest, ok := strings.Cut(line[i+len("atlas:"):], " ")
	return ok && word == "sum" && strings.TrimLeft(rest, " ") == "ignore"
}

// readAtlasSum reads atlas.sum: a first line h1:<sum over the lines>, then
// one `name h1:hash` line per file.
func readAtlasSum(b []byte) (map[string]string, error) {
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 0, 64*1024), len(b)+1)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "h1:") {
		return nil, fmt.Errorf("%s: no h1: sum on the first line", atlasSumFile)
	}
	sums := map[string]string{}
	for sc.Scan() {
		name, hash, ok := strings.Cut(sc.Text(), "h1:")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", atlasSumFile, sc.Text())
		}
		sums[strings.TrimSpace(name)] = hash
	}
	return sums, sc.Err()
}

// atlasFolder marks a folder with atlas.sum as Atlas's: each file gets
// the hash Atlas computes for it, and a sum file that no longer matches
// the files is reported (Atlas refuses to run until `atlas migrate hash`).
func atlasFolder(fsys fs.FS, entries []fs.DirEntry, sumFile []byte, folder *Folder) error {
	hashes, err := atlasHashes(fsys, entries)
	if err != nil {
		return err
	}
	recorded, err := readAtlasSum(sumFile)
	if err != nil {
		return err
	}
	for i := range folder.Files {
		f := &folder.Files[i]
		f.Format, f.AtlasHash = Atlas, hashes[f.UpPath]
	}
	var stale []string
	for name, h := range hashes {
		if recorded[name] != h {
			stale = append(stale, name)
		}
	}
	for name := range recorded {
		if _, ok := hashes[name]; !ok {
			stale = append(stale, name)
		}
	}
	if len(stale) > 0 {
		folder.Warnings = append(folder.Warnings, fmt.Sprintf("%s does not match the files (%d differ, e.g. %s): Atlas refuses to run until `atlas migrate hash` is run",
			atlasSumFile, len(stale), minString(stale)))
	}
	return nil
}

func minString(s []string) string {
	m := s[0]
	for _, x := range s[1:] {
		m = min(m, x)
	}
	return m
}
