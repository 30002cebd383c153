package main

import (
	"bufio"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkVersionWall runs the built binary's `pgdeck version`, wall time
// per run including process start. Target: ≤ 20 ms.
func BenchmarkVersionWall(b *testing.B) {
	bin := buildBinary(b)
	for b.Loop() {
		if out, err := exec.Command(bin, "version").Output(); err != nil || !strings.HasPrefix(string(out), "pgdeck") {
			b.Fatalf("%q %v", out, err)
		}
	}
}

// BenchmarkDemoReady times `pgdeck demo --serve` from start until it
// prints its connection string (server started, sample database loaded,
// workload run), then stops it. Target: ≤ 15 s. Run with -benchtime=3x.
func BenchmarkDemoReady(b *testing.B) {
	bin := buildBinary(b)
	for b.Loop() {
		start := time.Now()
		cmd := exec.Command(bin, "demo", "--serve")
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || !strings.Contains(line, "pgdeck_demo") {
			cmd.Process.Kill()
			b.Fatalf("first line %q: %v", line, err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-ready")
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
}
