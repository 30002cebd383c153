package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

// connFlags are the connection flags every database command shares.
type connFlags struct {
	readWrite bool
}

func (cf *connFlags) register(cmd *cobra.Command) {
	cmd.PersistentFlags().BoolVar(&cf.readWrite, "read-write", false, "allow writes (the default session is read-only)")
}

func runConsole(ctx context.Context, cf *connFlags, args []string) error {
	return errors.New("console not built yet")
}

func newDemoCmd(cf *connFlags) *cobra.Command {
	return &cobra.Command{Use: "demo", Short: "Start a throwaway PostgreSQL with a sample database and open the console"}
}
