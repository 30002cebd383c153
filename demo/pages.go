package demo

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// pages runs the detail pages of tasks, users and organizations: many
// cheap indexed lookups, which give every non-unique index (but the
// planted unused one) some scans.
func pages(ctx context.Context, conn *pgx.Conn) error {
	for i := 0; i < 30; i++ {
		task := 1 + i*3989%Tasks
		for _, q := range []string{qTask, qTaskComments, qTaskTags, qTaskHistory} {
			if err := drain(ctx, conn, q, task); err != nil {
				return err
			}
		}
	}
	for i := 0; i < 30; i++ {
		user := UserID(1 + i*167%Users)
		for _, q := range []string{qUserOrgs, qUserProjects, qUserReported, qUserComments} {
			if err := drain(ctx, conn, q, user); err != nil {
				return err
			}
		}
	}
	for i := 0; i < 20; i++ {
		org := 1 + i*11%Organizations
		for _, q := range []string{qOrgMembers, qOrgFeed, qOrgTags} {
			if err := drain(ctx, conn, q, org); err != nil {
				return err
			}
		}
		if err := drain(ctx, conn, qTagTasks, (org-1)*8+1+i%8); err != nil {
			return err
		}
	}
	return nil
}
