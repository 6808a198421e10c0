import type postgres from 'postgres';
import type { PublicReadDeps } from '../public-reads.js';

/** What the native API's routes need: the published site's reads, and the database for what it does not hold. */
export interface ApiV1Deps extends PublicReadDeps {
  sql: () => postgres.Sql;
}
