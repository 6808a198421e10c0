import type postgres from 'postgres';
import type { TokenAuthority } from '../../auth/principal.js';
import type { Log } from '../../log.js';

/** What the admin routes need; its own module so the route modules never import the index that registers them. */
export interface AdminDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  log: Log;
  /** Resolves bearer tokens and sessions to a named principal (the bootstrap token among them). */
  tokens: TokenAuthority;
  newId: (prefix: string) => string;
  /** Called after a write that changes what the status page shows (refresh its snapshot). */
  onChange?: () => void;
}
