// `DATABASE_URL=postgres://… npm run db:migrate`: applies drizzle/ to a database the Worker (or another
// Lookout) uses. Workers have no filesystem to read migrations from, so they are applied from here or CI.
import { applyMigrations } from './migrate.js';

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('DATABASE_URL must be set to a postgres:// or postgresql:// URL');
  process.exit(2);
}
applyMigrations(url).then(
  () => console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'migrations applied' })),
  (err: Error) => {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'migrations failed', error: err.message }));
    process.exit(1);
  },
);
