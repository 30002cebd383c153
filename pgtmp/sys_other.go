//go:build !linux

package pgtmp

import "syscall"

// sysProcAttr puts the child in its own process group. Other systems have
// no parent-death signal: a server orphaned by a SIGKILL of pgdeck is
// stopped by the next Start's sweep.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
