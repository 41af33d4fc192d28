import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CubeReader } from '../src/warehouse/cube/cube-reader.js';

/**
 * Runs `ask` with the analytics cube out of the way: every read inside is answered exactly from
 * rollup_daily / rollup_daily_creative / rollup_hourly and distinct counts over reach_daily, the path questions took
 * before the cube held their grain (and still take while too many of their days await a rebuild).
 * The database is the real one; only the cube's answer is skipped.
 */
export async function exactPath<T>(app: INestApplication, ask: () => Promise<T>): Promise<T> {
  const reader = app.get(CubeReader);
  const spies = [
    jest.spyOn(reader, 'read').mockResolvedValue(null),
    jest.spyOn(reader, 'readHours').mockResolvedValue(null),
  ];
  try {
    return await ask();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
