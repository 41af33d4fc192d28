import type { QueryRunner } from 'typeorm';

/**
 * Distributes the schema on a Citus cluster (docs/scaling.md, "Citus"). Nothing happens unless the
 * `citus` extension is installed in the database: one PostgreSQL and the embedded one are unaffected.
 *
 * Which table becomes what is read from the catalogue, so the rule holds for tables later migrations add:
 * - **on the coordinator only** (a Citus local table): a table with `org_id` and a unique key without it —
 *   looked up before the organisation is known (e-mail, session token, key and link hashes: users,
 *   sessions, api_keys, password_resets, share_links, share_link_openings). They are small and written
 *   at sign-in; as reference tables every write would be a 3-node transaction serialised cluster-wide, and
 *   concurrent sign-ins deadlocked on the reference tables' FK locks (measured: see docs/scaling.md);
 * - **reference** (a copy on every node): a table without `org_id` (organizations, the observance
 *   catalogue), and every table a coordinator-only or reference table points a foreign key at when it is
 *   not one itself (saved_views, which share links reference and digest schedules too);
 * - **distributed by `org_id`**, all co-located with `campaigns`: every other table with `org_id`.
 * The TypeORM `migrations` table stays a plain table on the coordinator.
 *
 * Order: with the coordinator registered as a node, creating a reference table turns every table
 * with a foreign key to it into a Citus local table, and a foreign key from such a table to a
 * distributed one is refused — so the foreign keys between these tables are dropped first, every
 * table is placed, and the same constraints are then added back (Citus checks them per shard).
 * Tables Citus already knows are left as they are, so the call can be repeated — except those it made
 * local tables of by itself: a table a later migration creates with a foreign key to a reference table
 * (`organizations`) becomes a Citus local table on the coordinator at once, and is distributed here like
 * the others (its foreign keys dropped first, then added back). The shards Citus keeps
 * on the coordinator (`users_102016`) are not tables of the schema and are never listed.
 */
export async function distributeOnCitus(
  q: QueryRunner,
): Promise<{ reference: string[]; coordinator: string[]; distributed: string[] }> {
  const none = { reference: [], coordinator: [], distributed: [] };
  const citus = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  if (citus.length === 0) return none;
  // DDL and distribution in one transaction: one connection per worker, not one per shard.
  await q.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);

  const tables: { name: string; has_org: boolean; global_unique: boolean; done: boolean }[] = await q.query(`
    SELECT c.relname AS name,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) AS has_org,
           EXISTS (SELECT 1 FROM pg_index i
                    WHERE i.indrelid = c.oid AND i.indisunique
                      AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                                       WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND a.attnum = ANY(i.indkey))) AS global_unique,
           -- A table Citus made a local table of by itself (a later migration's table with a foreign key to
           -- a reference table) is not done: it is placed like any other table.
           EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid AND NOT p.autoconverted) AS done
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations'
       AND NOT relation_is_a_known_shard(c.oid)
     ORDER BY c.relname`);
  const fks: { tbl: string; ref: string; name: string; def: string }[] = await q.query(`
    SELECT c.conrelid::regclass::text AS tbl, c.confrelid::regclass::text AS ref, c.conname AS name,
           pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema() AND NOT relation_is_a_known_shard(c.conrelid)
     ORDER BY 1, 3`);

  const coordinator = new Set(tables.filter((t) => t.has_org && t.global_unique).map((t) => t.name));
  const reference = new Set(tables.filter((t) => !t.has_org).map((t) => t.name));
  for (let grew = true; grew;) {
    grew = false;
    for (const fk of fks) {
      const from = coordinator.has(fk.tbl) || reference.has(fk.tbl);
      if (from && !coordinator.has(fk.ref) && !reference.has(fk.ref)) {
        reference.add(fk.ref);
        grew = true;
      }
    }
  }
  const pending = tables.filter((t) => !t.done);
  if (pending.length === 0) return none;
  const names = new Set(pending.map((t) => t.name));
  const dropped = fks.filter((fk) => names.has(fk.tbl) || names.has(fk.ref));
  for (const fk of dropped) await q.query(`ALTER TABLE ${ident(fk.tbl)} DROP CONSTRAINT ${ident(fk.name)}`);

  const refs = pending.filter((t) => reference.has(t.name)).map((t) => t.name);
  const locals = pending.filter((t) => coordinator.has(t.name)).map((t) => t.name);
  const dist = pending.filter((t) => !reference.has(t.name) && !coordinator.has(t.name)).map((t) => t.name);
  for (const name of refs) await q.query(`SELECT create_reference_table($1)`, [name]);
  for (const name of locals) await q.query(`SELECT citus_add_local_table_to_metadata($1)`, [name]);
  const anchored = tables.some((t) => t.done && t.name === 'campaigns');
  const ordered = [...dist].sort((x, y) => (x === 'campaigns' ? -1 : y === 'campaigns' ? 1 : 0));
  for (const name of ordered) {
    if (name === 'campaigns' && !anchored) {
      await q.query(`SELECT create_distributed_table($1, 'org_id')`, [name]);
    } else {
      await q.query(`SELECT create_distributed_table($1, 'org_id', colocate_with => 'campaigns')`, [name]);
    }
  }
  for (const fk of dropped) await q.query(`ALTER TABLE ${ident(fk.tbl)} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`);
  return { reference: refs, coordinator: locals, distributed: ordered };
}

/** Turns every distributed and reference table back into a plain table (the migration's down). */
export async function undistributeOnCitus(q: QueryRunner): Promise<void> {
  const citus = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  if (citus.length === 0) return;
  const fks: { tbl: string; name: string; def: string }[] = await q.query(`
    SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema() AND NOT relation_is_a_known_shard(c.conrelid)`);
  for (const fk of fks) await q.query(`ALTER TABLE ${ident(fk.tbl)} DROP CONSTRAINT ${ident(fk.name)}`);
  const tables: { name: string }[] = await q.query(
    `SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition ORDER BY 1`,
  );
  for (const t of tables) await q.query(`SELECT undistribute_table($1)`, [t.name]);
  for (const fk of fks) await q.query(`ALTER TABLE ${ident(fk.tbl)} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`);
}

/**
 * Distributes a function by one of its arguments (an organisation id), co-located with `table`, so a
 * call is sent whole to the worker holding that organisation's shards (`force_delegation`: also inside
 * a transaction block). A no-op without Citus. `signature` is `name(type, …)`, `argument` e.g. `'$1'`.
 */
export async function distributeFunctionOnCitus(
  q: QueryRunner,
  signature: string,
  argument: string,
  table: string,
): Promise<boolean> {
  const citus = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  if (citus.length === 0) return false;
  await q.query(
    `SELECT create_distributed_function($1::regprocedure, $2::text, colocate_with := $3::text, force_delegation := true)`,
    [signature, argument, table],
  );
  return true;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
