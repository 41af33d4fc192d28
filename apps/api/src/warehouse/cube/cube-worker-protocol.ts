/** Messages between the cube refresher (cube-workers.ts) and a build worker (cube-worker.ts). */

export interface CubeWorkerInput {
  /** The database to build from, as the api connects to it. */
  databaseUrl: string;
  /** Whether the thread lowers its own priority (builds that are not overdue, build-schedule.ts). */
  lowPriority: boolean;
}

export type CubeWorkerRequest = { kind: 'rebuild'; id: number; orgId: string; day: string } | { kind: 'close' };

export type CubeWorkerReply =
  { id: number; built: boolean } | { id: number; error: { message: string; code?: string; stack?: string } };
