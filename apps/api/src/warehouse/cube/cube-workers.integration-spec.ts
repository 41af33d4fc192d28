import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp, testDatabaseUrl } from '../../../test/test-app.js';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { CubeBuilder } from './cube-builder.js';
import { CubeWorkers, THREAD_IDLE_MS } from './cube-workers.js';

describe('CubeWorkers (cube days built on worker threads)', () => {
  const admin = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  const local = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createTestApp(); // the schema, migrated
  });
  afterAll(async () => {
    await app.close();
    await admin.end();
    await local.end();
  });
  // Other suites build cubes beside this one, on connections named 'resonance-cube' too: this test's
  // workers carry a name of their own (a connection string's application_name overrides the pool's).
  const ownName = `resonance-cube-test-${process.pid}`;
  const ownUrl = new URL(testDatabaseUrl());
  ownUrl.searchParams.set('application_name', ownName);
  const cubeConnections = async (): Promise<number> =>
    Number(
      (
        await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [ownName],
        )
      ).rows[0]?.n,
    );

  it('builds on connections of its own, and closes them when closed', async () => {
    const before = await cubeConnections();
    expect(before).toBe(0);
    const workers = new CubeWorkers(ownUrl.toString(), 2, () => local);
    try {
      // No organisation has this id: nothing is marked, nothing is built.
      await expect(workers.rebuild('00000000-0000-0000-0000-0000000000f1', '2026-05-01')).resolves.toBe(false);
      expect(await cubeConnections()).toBeGreaterThan(before);
    } finally {
      await workers.close();
    }
    for (let i = 0; i < 50 && (await cubeConnections()) > before; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await cubeConnections()).toBe(before);
  });

  it('builds on one thread unless a second is allowed (a backlog), and ends threads once idle', async () => {
    const nobody = '00000000-0000-0000-0000-0000000000f1';
    const workers = new CubeWorkers(testDatabaseUrl(), 2, () => local);
    try {
      await Promise.all([workers.rebuild(nobody, '2026-05-01'), workers.rebuild(nobody, '2026-05-02')]);
      expect(workers.running).toBe(1);
      await Promise.all([workers.rebuild(nobody, '2026-05-01', 2), workers.rebuild(nobody, '2026-05-02', 2)]);
      expect(workers.running).toBe(2);
      // Idle for less than THREAD_IDLE_MS (just now): kept. (Not "THREAD_IDLE_MS − 1 s from now": on a
      // loaded machine the second thread's start-up can leave the first idle for more than that second.)
      workers.endIdleThreads(Date.now());
      expect(workers.running).toBe(2);
      workers.endIdleThreads(Date.now() + THREAD_IDLE_MS);
      expect(workers.running).toBe(0);
      // The next build starts a thread again.
      await expect(workers.rebuild(nobody, '2026-05-03', 2)).resolves.toBe(false);
      expect(workers.running).toBe(1);
    } finally {
      await workers.close();
    }
  });

  it('builds at a lower priority than the api, except overdue days, which get threads at its own priority', async () => {
    // Linux: each thread's nice value is field 19 of /proc/self/task/<tid>/stat.
    const nicedThreads = (): number =>
      readdirSync('/proc/self/task').filter((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === 10;
      }).length;
    const nobody = '00000000-0000-0000-0000-0000000000f1';
    // The app's own refresher starts low-priority build threads for other tests' marked days: stop it first.
    await app.get(CubeBuilder).onApplicationShutdown();
    const before = nicedThreads();
    const workers = new CubeWorkers(testDatabaseUrl(), 2, () => local);
    try {
      await workers.rebuild(nobody, '2026-05-01');
      expect(workers.running).toBe(1);
      expect(workers.runningOverdue).toBe(0);
      expect(nicedThreads()).toBe(before + 1);
      await Promise.all([
        workers.rebuild(nobody, '2026-05-01', 2, true),
        workers.rebuild(nobody, '2026-05-02', 2, true),
      ]);
      expect(workers.runningOverdue).toBe(2);
      expect(workers.running).toBe(3);
      expect(nicedThreads()).toBe(before + 1); // the overdue builds' threads kept the api's priority
      workers.endIdleThreads(Date.now() + THREAD_IDLE_MS);
      expect(workers.running).toBe(0);
    } finally {
      await workers.close();
    }
  });

  it('reports an unreachable database as unavailable (the refresher backs off), and builds again once it is back', async () => {
    const unreachable = new URL(testDatabaseUrl());
    unreachable.port = '1';
    const away = new CubeWorkers(unreachable.toString(), 1, () => local);
    const error = await away
      .rebuild('00000000-0000-0000-0000-0000000000f1', '2026-05-01')
      .then(
        () => null,
        (e: unknown) => e,
      )
      .finally(() => away.close());
    expect(isDatabaseUnavailable(error)).toBe(true);
    const back = new CubeWorkers(testDatabaseUrl(), 1, () => local);
    try {
      await expect(back.rebuild('00000000-0000-0000-0000-0000000000f1', '2026-05-01')).resolves.toBe(false);
    } finally {
      await back.close();
    }
  });
});
