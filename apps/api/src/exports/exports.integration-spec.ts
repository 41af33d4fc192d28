import type { NestExpressApplication } from '@nestjs/platform-express';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { event, seeder } from '../analytics/analytics.test-helpers.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A CSV's data block (before the notes): header and rows, as text. */
function csvData(text: string): { headers: string[]; rows: string[][] } {
  const [headers = [], ...rows] = parse(text.replace(/^\uFEFF/, '').split('\r\n\r\n')[0] ?? '') as string[][];
  return { headers, rows };
}

async function xlsxData(body: ArrayBuffer): Promise<{ headers: string[]; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  const data = workbook.getWorksheet('Data')!;
  const width = data.columnCount;
  const values = (r: number) => Array.from({ length: width }, (_, c) => data.getRow(r).getCell(c + 1).value);
  return {
    headers: values(1) as string[],
    rows: Array.from({ length: data.rowCount - 1 }, (_, i) => values(i + 2)),
  };
}

describe('exports', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;
  const range = 'from=2026-05-01&to=2026-05-31&tz=UTC';

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    const seed = seeder(app, tenant.orgId);
    const campaignId = await seed.campaign('mham-2026');
    const creativeId = await seed.creative(campaignId, 'story', { platform: 'tiktok', format: 'personal_story' });
    const base = { campaignId, creativeId, occurredAt: '2026-05-10T12:00:00Z' };
    await seed.events([
      event({ ...base, type: 'impression', ageBand: '18-24', count: 400 }),
      event({ ...base, type: 'like', ageBand: '18-24', count: 30 }),
      event({ ...base, type: 'impression', ageBand: '25-34', count: 250 }),
      event({ ...base, type: 'like', ageBand: '25-34', count: 12 }),
      // A small cell: 4 impressions in 65+ must never leave the server.
      event({ ...base, type: 'impression', ageBand: '65+', count: 4 }),
      // The same campaign a year earlier, for compare=yearEarlier.
      event({ ...base, occurredAt: '2025-05-12T09:00:00Z', type: 'impression', ageBand: '18-24', count: 300 }),
      event({ ...base, occurredAt: '2025-05-12T09:00:00Z', type: 'like', ageBand: '18-24', count: 21 }),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  async function both(report: string, qs: string) {
    const csv = await tenant.agent.get(`/api/v1/exports/${report}.csv?${qs}`).expect(200);
    const xlsx = await tenant.agent.get(`/api/v1/exports/${report}.xlsx?${qs}`).buffer(true).parse(binary).expect(200);
    const name = (res: request.Response) => /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1];
    return {
      csv: csvData(csv.text),
      xlsx: await xlsxData(xlsx.body as ArrayBuffer),
      names: [name(csv), name(xlsx)],
    };
  }

  it('writes the breakdown the screen shows as CSV, with "<11" for small cells, a total row and notes', async () => {
    const screen = await tenant.agent.get(`/api/v1/analytics/breakdown?${range}&by=ageBand`).expect(200);
    const res = await tenant.agent.get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="resonance-breakdown-2026-05-01-to-2026-05-31.csv"',
    );
    const [data, notes] = res.text.replace(/^\uFEFF/, '').split('\r\n\r\n');
    const rows: string[][] = parse(data ?? '');
    const header = rows[0] ?? [];
    const impressions = header.indexOf('Impressions');
    const byBand = new Map(rows.slice(1).map((r) => [r[0], r[impressions]]));
    for (const row of screen.body.rows as { key: { label: string }[]; current: { impressions: unknown } }[]) {
      const shown = row.current.impressions;
      const label = row.key[0]?.label ?? '';
      expect(byBand.get(label)).toBe(typeof shown === 'number' ? String(shown) : '<11');
    }
    expect([...byBand.values()]).toContain('<11');
    expect(res.text).not.toMatch(/(^|,)4(,|\r)/m);
    expect(rows.at(-1)?.[0]).toBe('Total (de-duplicated)');
    expect(notes).toContain('Suppression');
    // The same method statement as meta.suppression.note: cell-key perturbation and its bound.
    expect(notes).toContain(screen.body.meta.suppression.note);
    expect(notes).toContain('cell-key perturbation');
    expect(notes).toContain('Engagement rate');
    expect(notes).toContain('2026-05-01 to 2026-05-31 (UTC)');
  });

  it('writes the segment report as XLSX with a Data and a Notes sheet', async () => {
    const res = await tenant.agent.get(`/api/v1/exports/segments.xlsx?${range}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const data = workbook.getWorksheet('Data');
    expect(data?.getRow(1).getCell(1).value).toBe('Segment');
    expect((data?.rowCount ?? 0) - 1).toBeGreaterThan(0);
    expect(workbook.getWorksheet('Notes')?.getRow(1).getCell(1).value).toBe('Note');
  });

  it("labels a rate's change as percentage points, never as a percentage, and gives each segment's rule", async () => {
    const res = await tenant.agent.get(`/api/v1/exports/segments.xlsx?${range}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="resonance-segments-2026-05-01-to-2026-05-31.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const data = workbook.getWorksheet('Data')!;
    const headers = (data.getRow(1).values as unknown[]).slice(1);
    expect(headers[1]).toBe('Rule');
    const points = headers.indexOf('Engagement rate change (percentage points)') + 1;
    expect(points).toBeGreaterThan(0);
    expect(data.getColumn(points).numFmt).not.toContain('%');
    expect(data.getColumn(headers.indexOf('Engagement rate, this period (%)') + 1).numFmt).toBe('0.00');
    const rules = new Map(
      data
        .getSheetValues()
        .slice(2)
        .map((row) => [(row as unknown[])[1] as string, (row as unknown[])[2] as string]),
    );
    expect(rules.get('Young adults 18–24')).toBe('age 18-24');
  });

  it("gives the segment report's screen columns for one metric, rates as percentages with the screen's figures", async () => {
    const screen = await tenant.agent.get(`/api/v1/analytics/segments?${range}&compare=previous`).expect(200);
    const { csv, xlsx } = await both(`segments`, `${range}&compare=previous&metric=engagementRate`);
    expect(csv.headers).toEqual([
      'Segment',
      'Rule',
      'Engagement rate, this period (%)',
      'Engagement rate, previous period (%)',
      'Engagement rate change (percentage points)',
      'Engagement rate change (%)',
    ]);
    expect(xlsx.headers).toEqual(csv.headers);
    type Row = { segment: { name: string }; current: { engagementRate: unknown } };
    const young = (screen.body.rows as Row[]).find((r) => r.segment.name === 'Young adults 18–24')!;
    const rate = young.current.engagementRate as number;
    const row = csv.rows.find((r) => r[0] === 'Young adults 18–24')!;
    // 8.27, not 0.0826666…
    expect(row[2]).toBe(String(Math.round(rate * 10000) / 100));
    expect(Number(row[2])).toBeGreaterThan(1);
  });

  it.each([
    ['summary', `${range}&compare=previous`],
    ['timeseries', `${range}&compare=previous`],
    ['timeseries', `${range}&compare=yearEarlier&metric=engagementRate`],
    ['breakdown', `${range}&by=ageBand&metric=reach&share=reach`],
    ['breakdown', `${range}&by=ageBand&compare=previous`],
    ['segments', `${range}&compare=previous`],
    ['segments', `${range}&compare=previous&metric=impressions`],
    ['segments', `${range}&compare=previous&metric=impressions,reach,engagementRate`],
    ['creatives', range],
  ])('writes %s (%s) as CSV and XLSX with the same columns and the same numbers', async (report, qs) => {
    const { csv, xlsx, names } = await both(report, qs);
    expect(names).toEqual([
      `resonance-${report}-2026-05-01-to-2026-05-31.csv`,
      `resonance-${report}-2026-05-01-to-2026-05-31.xlsx`,
    ]);
    expect(xlsx.headers).toEqual(csv.headers);
    expect(xlsx.rows).toHaveLength(csv.rows.length);
    expect(csv.rows.length).toBeGreaterThan(0);
    csv.rows.forEach((row, i) => {
      const other = xlsx.rows[i] ?? [];
      csv.headers.forEach((header, c) => {
        const inXlsx = other[c];
        const text = inXlsx === null || inXlsx === undefined ? '' : String(inXlsx);
        expect({ row: i, header, value: text }).toEqual({ row: i, header, value: row[c] ?? '' });
        // Percentages and points carry at most two decimals: no raw fractions like 0.08266666666666667.
        if (/\((%|percentage points)\)/.test(header) && typeof inXlsx === 'number') {
          expect(Math.round(inXlsx * 100) / 100).toBe(inXlsx);
        }
      });
    });
  });

  /** A figure of an analytics answer as an export writes it: rates in % (two decimals), hidden as "<11". */
  function asExported(value: unknown, rate: boolean): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') return '<11';
    return String(rate ? Math.round((value as number) * 100 * 100) / 100 : value);
  }

  const isRate = (header: string) => header.endsWith('(%)');

  /** Both files hold exactly `headers` and the same cells, and that each row is `expected` (from the screen's route). */
  async function expectScreenColumns(report: string, qs: string, headers: string[], expected: string[][]) {
    const { csv, xlsx } = await both(report, qs);
    expect(csv.headers).toEqual(headers);
    expect(xlsx.headers).toEqual(headers);
    const xlsxText = xlsx.rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : String(v))));
    expect(xlsxText).toEqual(csv.rows);
    expect(csv.rows).toEqual(expected);
  }

  it("gives the trend table's columns for its metric, with the year-earlier period beside it", async () => {
    const qs = `${range}&compare=yearEarlier&granularity=day`;
    const screen = await tenant.agent.get(`/api/v1/analytics/timeseries?${qs}`).expect(200);
    type Bucket = { bucket: string; metrics: Record<string, unknown> };
    const current = screen.body.current as Bucket[];
    const earlier = screen.body.comparison as Bucket[];
    expect(earlier[0]?.bucket).toBe('2025-05-01');
    for (const [metric, label] of [
      ['engagementRate', 'Engagement rate (%)'],
      ['impressions', 'Impressions'],
    ] as const) {
      const rate = isRate(label);
      await expectScreenColumns(
        'timeseries',
        `${qs}&metric=${metric}`,
        ['Period (day)', label, 'Comparison period (day)', label.replace(/( \(%\))?$/, ', comparison period$1')],
        current.map((b, i) => [
          b.bucket,
          asExported(b.metrics[metric], rate),
          earlier[i]?.bucket ?? '',
          asExported(earlier[i]?.metrics[metric], rate),
        ]),
      );
    }
    // The seeded year-earlier day is in the file, as the screen's dashed line shows it.
    const { csv } = await both('timeseries', `${qs}&metric=impressions`);
    expect(Math.abs(Number(csv.rows.find((r) => r[2] === '2025-05-12')?.[3]) - 300)).toBeLessThanOrEqual(5);
  });

  it("gives a breakdown card's columns: the dimension, its metric and that metric's share of the total", async () => {
    const screen = await tenant.agent.get(`/api/v1/analytics/breakdown?${range}&by=ageBand`).expect(200);
    type Row = { key: { label: string }[]; current: Record<string, unknown>; shareOfTotal: Record<string, unknown> };
    const rows = screen.body.rows as Row[];
    const total = screen.body.total as { current: Record<string, unknown> };
    await expectScreenColumns(
      'breakdown',
      `${range}&by=ageBand&metric=engagements&share=engagements`,
      ['Age', 'Engagements', 'Share of engagements (%)'],
      [
        ...rows.map((r) => [
          r.key[0]?.label ?? '',
          asExported(r.current.engagements, false),
          asExported(r.shareOfTotal.engagements, true),
        ]),
        ['Total (de-duplicated)', asExported(total.current.engagements, false), '100'],
      ],
    );
    // A rate has no share of the total: the card shows no share column, nor does the file.
    await expectScreenColumns(
      'breakdown',
      `${range}&by=ageBand&metric=engagementRate`,
      ['Age', 'Engagement rate (%)'],
      [
        ...rows.map((r) => [r.key[0]?.label ?? '', asExported(r.current.engagementRate, true)]),
        ['Total (de-duplicated)', asExported(total.current.engagementRate, true)],
      ],
    );
  });

  it("gives the top-creatives table's columns", async () => {
    const metrics = ['impressions', 'engagements', 'engagementRate', 'resourceClicks'];
    const screen = await tenant.agent.get(`/api/v1/analytics/breakdown?${range}&by=creative`).expect(200);
    type Row = { key: { label: string }[]; current: Record<string, unknown> };
    const rows = [...(screen.body.rows as Row[]), { key: [{ label: 'Total (de-duplicated)' }], ...screen.body.total }];
    await expectScreenColumns(
      'breakdown',
      `${range}&by=creative&metric=${metrics.join(',')}`,
      ['Creative', 'Impressions', 'Engagements', 'Engagement rate (%)', 'Resource clicks'],
      rows.map((r) => [r.key[0]?.label ?? '', ...metrics.map((m) => asExported(r.current[m], m === 'engagementRate'))]),
    );
  });

  it("gives the creative matrix's columns, verdicts in the screen's words", async () => {
    const screen = await tenant.agent.get(`/api/v1/analytics/creatives?${range}`).expect(200);
    type Cell = {
      segmentId: string;
      creativeId: string;
      impressions: unknown;
      engagements: unknown;
      engagementRate: unknown;
      interval: { lower: number; upper: number } | null | { suppressed: true };
      lift: unknown;
      probabilityToBeBest: number | null;
      pValue: number | null;
      verdict: string;
    };
    const body = screen.body as {
      cells: Cell[];
      creatives: { id: string; name: string }[];
      segments: { segment: { id: string; name: string } }[];
    };
    const segmentName = (id: string) => body.segments.find((s) => s.segment.id === id)?.segment.name ?? '';
    const bound = (c: Cell, side: 'lower' | 'upper') =>
      c.interval === null ? '' : 'suppressed' in c.interval ? '<11' : asExported(c.interval[side], true);
    await expectScreenColumns(
      'creatives',
      range,
      [
        'Segment',
        'Creative',
        'Platform',
        'Impressions',
        'Engagements',
        'Engagement rate (%)',
        'Engagement rate 95% low (%)',
        'Engagement rate 95% high (%)',
        'Lift vs segment average (%)',
        'Chance of being best (%)',
        'p-value vs leader (Holm)',
        'Verdict',
      ],
      body.cells.map((c) => [
        segmentName(c.segmentId),
        body.creatives.find((k) => k.id === c.creativeId)?.name ?? '',
        'TikTok',
        asExported(c.impressions, false),
        asExported(c.engagements, false),
        asExported(c.engagementRate, true),
        bound(c, 'lower'),
        bound(c, 'upper'),
        asExported(c.lift, true),
        asExported(c.probabilityToBeBest, true),
        c.pValue === null ? '' : String(Number(c.pValue.toPrecision(4))),
        c.verdict.charAt(0).toUpperCase() + c.verdict.slice(1),
      ]),
    );
  });

  it('refuses metric on the creatives export and share without metric, saying which parameter', async () => {
    const creatives = await tenant.agent.get(`/api/v1/exports/creatives.csv?${range}&metric=impressions`).expect(400);
    expect(creatives.body).toMatchObject({ code: 'unsupported_parameter', details: { field: 'metric' } });
    const share = await tenant.agent.get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand&share=reach`).expect(400);
    expect(share.body).toMatchObject({ code: 'missing_parameter', details: { field: 'metric' } });
    const bad = await tenant.agent
      .get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand&metric=impressions&share=clicks`)
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('share must be one or more of impressions, engagements, reach');
  });

  it('names the metrics it knows when asked for another', async () => {
    const res = await tenant.agent.get(`/api/v1/exports/segments.csv?${range}&metric=impressions,likes`).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('metric must be one or more of impressions, reach');
  });

  it('writes every export to the audit log', async () => {
    await tenant.agent.get(`/api/v1/exports/summary.csv?${range}`).expect(200);
    const audit = await tenant.agent.get('/api/v1/audit?limit=50').expect(200);
    const exportsLogged = (audit.body.items as { action: string; target: { id: string } | null }[]).filter(
      (e) => e.action === 'export.downloaded',
    );
    expect(exportsLogged.map((e) => e.target?.id)).toContain('summary.csv');
  });

  it.each([
    ['breakdown.csv', `${range}`, 400, 'missing_parameter'],
    ['report.pdf', `${range}`, 404, 'unknown_export'],
    ['summary.csv', 'from=2026-05-31&to=2026-05-01', 400, undefined],
  ])('answers %s?%s with %i and a JSON error', async (file, qs, status, code) => {
    const res = await tenant.agent.get(`/api/v1/exports/${file}?${qs}`).expect(status);
    expect(res.body.statusCode).toBe(status);
    if (code) expect(res.body.code).toBe(code);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it('is for owners, managers and analysts: a viewer gets 403', async () => {
    const viewer = await tenant.addMember('viewer');
    const res = await viewer.agent.get(`/api/v1/exports/summary.csv?${range}`).expect(403);
    expect(res.body.code).toBe('forbidden_role');
  });

  it("never contains another organisation's figures", async () => {
    const other = await createTenant(app);
    const res = await other.agent.get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand`).expect(200);
    const rows: string[][] = parse(res.text.replace(/^\uFEFF/, '').split('\r\n\r\n')[0] ?? '');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Total (de-duplicated)']);
    expect(rows[1]?.[1]).toBe('0');
  });
});
