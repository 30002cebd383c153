package migrate

import (
	"bufio"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash/crc32"
	"strconv"
	"strings"
)

// Checksum computes a file's checksum the way tool records it, as the
// history table stores it (in text: sqlx's bytea as hex). ok is false for
// tools that keep no checksum (golang-migrate, goose, dbmate …).
func Checksum(tool Tool, f File) (sum string, ok bool) {
	switch tool {
	case Flyway:
		return strconv.FormatInt(int64(FlywayChecksum(f.Raw)), 10), true
	case Sqlx:
		h := sha512.Sum384([]byte(f.Raw))
		return hex.EncodeToString(h[:]), true
	case Prisma, Drizzle:
		h := sha256.Sum256([]byte(f.Raw))
		return hex.EncodeToString(h[:]), true
	case Pgdeck:
		return PgdeckChecksum(f.Up), true
	case Atlas:
		return f.AtlasHash, f.AtlasHash != ""
	}
	return "", false
}

// PgdeckChecksum is the checksum pgdeck's runner records: SHA-256 (hex)
// of the up part as it runs it.
func PgdeckChecksum(up string) string {
	h := sha256.Sum256([]byte(up))
	return hex.EncodeToString(h[:])
}

// FlywayChecksum is Flyway's checksum: a CRC32 updated with each line's
// UTF-8 bytes without its line ending (so CRLF and LF files agree), a
// leading byte order mark dropped, stored as a signed 32-bit integer.
func FlywayChecksum(content string) int32 {
	content = strings.TrimPrefix(content, "\uFEFF")
	crc := crc32.NewIEEE()
	sc := bufio.NewScanner(strings.NewReader(content))
	sc.Buffer(make([]byte, 0, 64*1024), len(content)+1)
	sc.Split(scanJavaLines)
	for sc.Scan() {
		crc.Write(sc.Bytes())
	}
	return int32(crc.Sum32())
}

// scanJavaLines splits as Java's BufferedReader.readLine does: at \n, \r
// or \r\n.
func scanJavaLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	for i, c := range data {
		switch c {
		case '\n':
			return i + 1, data[:i], nil
		case '\r':
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i], nil
				}
				return i + 1, data[:i], nil
			}
			if atEOF {
				return i + 1, data[:i], nil
			}
			return 0, nil, nil // need one more byte to know
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
