import type postgres from 'postgres';
import type { Log } from '../../log.js';

/** What the admin routes need; its own module so the route modules never import the index that registers them. */
export interface AdminDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  log: Log;
  adminToken: string | undefined;
  newId: (prefix: string) => string;
  /** Called after a write that changes what the status page shows (refresh its snapshot). */
  onChange?: () => void;
}
