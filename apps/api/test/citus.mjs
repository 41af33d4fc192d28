// The jest set-up's Citus part: when DATABASE_URL names a Citus coordinator (its database has the
// `citus` extension and registered workers), the run's test database is created on every node and
// joined into a cluster of its own; the app's migrations then distribute the tables
// (src/infra/database/citus-distribution.ts). docs/scaling.md says how to start such a cluster.
import pg from 'pg';

/** The coordinator's nodes, or null when the server is a plain PostgreSQL. */
export async function citusNodes(client) {
  const ext = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  if (ext.rowCount === 0) return null;
  const nodes = await client.query(
    `SELECT nodename, nodeport, groupid = 0 AS coordinator FROM pg_dist_node WHERE isactive ORDER BY groupid, nodeid`,
  );
  return nodes.rows;
}

function nodeUrl(serverUrl, node, database) {
  const url = new URL(serverUrl);
  url.hostname = node.nodename;
  url.port = String(node.nodeport);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onNode(url, statements) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [sql, params] of statements) await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Creates `name` on every worker with the extension, then makes the new coordinator database a cluster. */
export async function joinCitusCluster(serverUrl, nodes, name) {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const serverDb = new URL(serverUrl).pathname.slice(1) || 'postgres';
  const workers = nodes.filter((n) => !n.coordinator);
  const coordinator = nodes.find((n) => n.coordinator) ?? {
    nodename: new URL(serverUrl).hostname,
    nodeport: Number(new URL(serverUrl).port || 5432),
  };
  for (const worker of workers) {
    await onNode(nodeUrl(serverUrl, worker, serverDb), [[`CREATE DATABASE ${quoted}`]]);
    await onNode(nodeUrl(serverUrl, worker, name), [[`CREATE EXTENSION citus`]]);
  }
  await onNode(nodeUrl(serverUrl, coordinator, name), [
    [`CREATE EXTENSION citus`],
    [`SELECT citus_set_coordinator_host($1, $2)`, [coordinator.nodename, coordinator.nodeport]],
    ...workers.map((w) => [`SELECT citus_add_node($1, $2)`, [w.nodename, w.nodeport]]),
  ]);
}

/**
 * Migrates the new database once, before any suite starts: distributing the tables takes 8–20 s on
 * a loaded machine, more than a suite's beforeAll may wait. The test target builds the api first.
 */
export async function migrateCitusDatabase(url) {
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../dist/infra/database/data-source-options.js');
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

export async function dropOnWorkers(serverUrl, nodes, name) {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const serverDb = new URL(serverUrl).pathname.slice(1) || 'postgres';
  for (const worker of nodes.filter((n) => !n.coordinator)) {
    await onNode(nodeUrl(serverUrl, worker, serverDb), [[`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`]]);
  }
}
