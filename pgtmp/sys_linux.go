package pgtmp

import "syscall"

// sysProcAttr makes the child get SIGQUIT (PostgreSQL's immediate shutdown)
// when we die, and puts it in its own process group so a terminal's Ctrl-C
// reaches us first and we shut it down in order.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGQUIT, Setpgid: true}
}
