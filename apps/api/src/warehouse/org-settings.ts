import type { ClientBase } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** What writing and reading figures needs to know about an organisation. */
export interface OrgSettings {
  /** The organisation's reporting time zone: its days are the warehouse's days. */
  timeZone: string;
  /** Smallest count published as a number (never below the design's 11). */
  suppressionThreshold: number;
  /** Server-side secret of the member-key HMAC (never leaves the server). */
  memberKeySecret: Buffer;
}

type Db = DataSource | EntityManager | ClientBase;

const SQL = `SELECT time_zone, suppression_threshold, member_key_secret FROM organizations WHERE id = $1`;

interface Row {
  time_zone: string;
  suppression_threshold: number;
  member_key_secret: Buffer;
}

/** THE read of an organisation's settings (TypeORM, or a raw pg client); null when it doesn't exist. */
export async function readOrgSettings(db: Db, orgId: string): Promise<OrgSettings | null> {
  const row = isPgClient(db) ? (await db.query<Row>(SQL, [orgId])).rows[0] : (await db.query<Row[]>(SQL, [orgId]))[0];
  if (!row) return null;
  return {
    timeZone: row.time_zone,
    suppressionThreshold: row.suppression_threshold,
    memberKeySecret: row.member_key_secret,
  };
}

function isPgClient(db: Db): db is ClientBase {
  // TypeORM's DataSource carries `manager` and its EntityManager `dataSource`; a pg client has neither.
  return !('manager' in db) && !('dataSource' in db);
}
