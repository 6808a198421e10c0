import type postgres from 'postgres';

/** Component ids under a maintenance window at `now`: their failures alert nobody and count as maintenance. */
export async function activeMaintenanceComponents(sql: postgres.Sql | postgres.TransactionSql, now: Date): Promise<Set<string>> {
  const rows = await sql<{ id: string }[]>`
    select distinct jsonb_array_elements_text(component_ids) as id from maintenances
    where scheduled_for <= ${now.toISOString()}::timestamptz and scheduled_until > ${now.toISOString()}::timestamptz`;
  return new Set(rows.map((r) => r.id));
}
