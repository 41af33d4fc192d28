import {
  buildImportPlan,
  importEventId,
  isDailyRow,
  periodRowKey,
  planNewRows,
  spendRowKey,
  type ResolvedRow,
} from './import-plan.js';
import { EVENT_TYPES } from './parsers/index.js';
import type { ParsedRow } from './parsers/index.js';

const CAMPAIGN = '00000000-0000-4000-8000-000000000001';
const CREATIVE = '00000000-0000-4000-8000-000000000002';

function row(overrides: Partial<ParsedRow> = {}): ParsedRow {
  return {
    rowNumber: 2,
    periodStart: '2026-05-01',
    periodEnd: '2026-05-01',
    campaign: 'mham-2026',
    creative: 'Ad A',
    creativeName: 'Ad A',
    platform: 'facebook',
    externalId: null,
    ageBand: '18-24',
    gender: 'female',
    region: null,
    counts: { impression: 100, click: 3, like: 0 },
    reach: 80,
    spend: null,
    grain: 'day|ad|age|gender',
    ...overrides,
  };
}

const resolved = (r: ParsedRow, creativeId: string | null = CREATIVE): ResolvedRow => ({
  row: r,
  campaignId: CAMPAIGN,
  creativeId,
});

describe('buildImportPlan', () => {
  it.each([
    ['a single-day row', true, row()],
    ['a multi-day row', false, row({ periodEnd: '2026-05-07', grain: 'period|ad' })],
    ['a lifetime row on one day', false, row({ grain: 'lifetime|post' })],
  ])('%s → stored as daily events: %s', (_label, daily, r) => {
    expect(isDailyRow(r)).toBe(daily);
  });

  it('a single-day row becomes one event per reported non-zero type, plus its reach as a reported period without counts', () => {
    const plan = buildImportPlan('meta_ads', [resolved(row())]);
    expect(plan.events.map((e) => [e.type, e.count, e.day, e.ageBand, e.gender, e.region])).toEqual([
      ['impression', 100, '2026-05-01', '18-24', 'female', 'unknown'],
      ['click', 3, '2026-05-01', '18-24', 'female', 'unknown'],
    ]);
    expect(plan.periods).toHaveLength(1);
    expect(plan.periods[0]).toMatchObject({ reach: 80, grain: 'day|ad|age|gender', region: null });
    expect(Object.values(plan.periods[0]?.counts ?? {}).every((n) => n === 0)).toBe(true);
    expect(plan.keysByRow.get(2)).toHaveLength(3);
  });

  it('event ids are deterministic and differ by every dimension', () => {
    const base = {
      format: 'meta_ads',
      grain: 'day|ad',
      day: '2026-05-01',
      campaignId: CAMPAIGN,
      creativeId: CREATIVE,
      platform: 'facebook',
      ageBand: '18-24',
      gender: 'female',
      region: 'unknown',
      type: 'impression',
    } as const;
    const id = importEventId(base);
    expect(id).toMatch(/^imp:[0-9a-f]{64}$/);
    expect(importEventId({ ...base })).toBe(id);
    for (const change of [
      { day: '2026-05-02' },
      { ageBand: '25-34' },
      { type: 'click' as const },
      { format: 'tiktok_ads' as const },
      { region: 'US' },
    ]) {
      expect(importEventId({ ...base, ...change })).not.toBe(id);
    }
    expect(buildImportPlan('meta_ads', [resolved(row())]).events[0]?.eventId).toBe(
      buildImportPlan('meta_ads', [resolved(row({ rowNumber: 9 }))]).events[0]?.eventId,
    );
  });

  it('a multi-day row is one reported period with its counts and reach, and no events', () => {
    const plan = buildImportPlan('meta_ads', [
      resolved(row({ periodEnd: '2026-05-07', grain: 'period|ad', counts: { impression: 700 } }), null),
    ]);
    expect(plan.events).toEqual([]);
    expect(plan.periods).toEqual([
      expect.objectContaining({
        periodStart: '2026-05-01',
        periodEnd: '2026-05-07',
        creativeId: null,
        reach: 80,
        counts: expect.objectContaining({ impression: 700 }),
      }),
    ]);
  });

  it('rows landing on the same cell add their counts; their reach cannot be combined', () => {
    const plan = buildImportPlan('meta_ads', [
      resolved(row()),
      resolved(row({ rowNumber: 3, counts: { impression: 50 }, reach: 40 })),
    ]);
    expect(plan.events.find((e) => e.type === 'impression')?.count).toBe(150);
    expect(plan.periods[0]?.reach).toBeNull();
  });

  it('a row of zeros is still recorded, as one zero impression', () => {
    const plan = buildImportPlan('tiktok_ads', [resolved(row({ counts: { impression: 0 }, reach: null }))]);
    expect(plan.events.map((e) => [e.type, e.count])).toEqual([['impression', 0]]);
    expect(plan.periods).toEqual([]);
  });
});

describe('planNewRows (the import’s write-as-read plan)', () => {
  it('gives the per-row plan’s event ids and counts, reach keys and spend keys, rows on one cell added up', () => {
    const rows = [
      resolved(row({ rowNumber: 2, spend: { micros: 1_500_000, currency: 'INR' } })),
      // The same cell again (another placement): counts add up, reach becomes unknown, spend adds up.
      resolved(row({ rowNumber: 3, counts: { impression: 5, like: 2 }, spend: { micros: 500_000, currency: 'INR' } })),
      resolved(row({ rowNumber: 4, gender: 'male', region: 'Kerala', counts: {}, reach: null })),
    ];
    const cellKeys = ['a', 'a', 'b'];
    const plan = planNewRows('meta_ads', rows, cellKeys);
    const perRow = buildImportPlan('meta_ads', rows);
    const events = plan.cells.flatMap((cell) =>
      EVENT_TYPES.flatMap((type, t) =>
        cell.eventIds[t] == null ? [] : [{ eventId: cell.eventIds[t], count: cell.counts[t] }],
      ),
    );
    expect(events.sort((x, y) => (x.eventId as string).localeCompare(y.eventId as string))).toEqual(
      perRow.events
        .map((e) => ({ eventId: e.eventId, count: e.count }))
        .sort((x, y) => x.eventId.localeCompare(y.eventId)),
    );
    // Row 4 reported nothing: one zero impression records it.
    expect(events.filter((e) => e.count === 0)).toHaveLength(1);
    expect(plan.periods.map((p) => ({ rowKey: p.rowKey, reach: p.reach }))).toEqual([
      { rowKey: periodRowKey('meta_ads', rows[0] as ResolvedRow), reach: null },
    ]);
    expect(plan.spend).toEqual([
      expect.objectContaining({
        rowKey: spendRowKey('meta_ads', rows[0] as ResolvedRow, 'INR'),
        currency: 'INR',
        micros: 2_000_000,
        counts: EVENT_TYPES.map((t) => ({ impression: 105, click: 3, like: 2 })[t as string] ?? 0),
      }),
    ]);
  });
});
