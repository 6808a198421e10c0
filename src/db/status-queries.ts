import type postgres from 'postgres';

/** Whether a monitor of the current config has this id (one indexed row). */
export async function monitorExists(sql: postgres.Sql, id: string): Promise<boolean> {
  const rows = await sql`select 1 from monitors where id = ${id} and removed_at is null`;
  return rows.length > 0;
}
