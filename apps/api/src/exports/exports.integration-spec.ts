import type { NestExpressApplication } from '@nestjs/platform-express';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { event, seeder } from '../analytics/analytics.test-helpers.js';
import { toCsv } from '../imports/parsers/parsers.test-helpers.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Agent, type Tenant } from '../../test/tenancy.js';

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

  async function both(report: string, qs: string, agent: Agent = tenant.agent) {
    const csv = await agent.get(`/api/v1/exports/${report}.csv?${qs}`).expect(200);
    const xlsx = await agent.get(`/api/v1/exports/${report}.xlsx?${qs}`).buffer(true).parse(binary).expect(200);
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
  async function expectScreenColumns(
    report: string,
    qs: string,
    headers: string[],
    expected: string[][],
    agent: Agent = tenant.agent,
  ) {
    const { csv, xlsx } = await both(report, qs, agent);
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

  it('documents every report (CSV and XLSX) and the panel parameter in OpenAPI', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    const route = res.body.paths['/api/v1/exports/{file}']?.get as {
      parameters: { name: string; schema: { enum?: string[] } }[];
    };
    const files = route.parameters.find((p) => p.name === 'file')?.schema.enum ?? [];
    for (const report of ['platform-reach', 'posts', 'spend', 'segment-spend', 'compare', 'creatives']) {
      expect(files).toEqual(expect.arrayContaining([`${report}.csv`, `${report}.xlsx`]));
    }
    expect(route.parameters.map((p) => p.name)).toContain('panel');
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
  describe("the overview's, segment page's and compare page's other tables (platform figures)", () => {
    let p: Tenant;
    const qs = `${range}&campaign=exp`;
    const META_HEAD = [
      'Reporting starts',
      'Reporting ends',
      'Campaign name',
      'Ad set name',
      'Ad name',
      'Age',
      'Gender',
      'Amount spent (USD)',
      'Impressions',
      'Reach',
      'Link clicks',
      'Post reactions',
      'Post comments',
      'Post shares',
      'Post saves',
      'ThruPlays',
    ];
    const day = (d: string) => [d, d, 'Exports campaign', 'Broad'];

    const upload = (name: string, csv: string, fields: Record<string, string> = {}) => {
      let req = p.agent.post('/api/v1/imports');
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req.attach('file', Buffer.from(csv), name).expect(201);
    };

    beforeAll(async () => {
      p = await createTenant(app);
      await app
        .get(DataSource)
        .query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'exp', 'Exports campaign')`, [p.orgId]);
      // Meta ads in USD: two creatives with plenty of data in 18–24, and a 6-impression cell (hidden).
      await upload(
        'meta-usd.csv',
        toCsv([
          META_HEAD,
          [
            ...day('2026-05-10'),
            'Story A',
            '18-24',
            'female',
            '40.25',
            '20000',
            '15000',
            '200',
            '1500',
            '60',
            '30',
            '10',
            '5000',
          ],
          [
            ...day('2026-05-10'),
            'Story B',
            '18-24',
            'female',
            '30.10',
            '20000',
            '14000',
            '100',
            '800',
            '20',
            '10',
            '5',
            '4000',
          ],
          [...day('2026-05-11'), 'Story C', '18-24', 'male', '0.40', '6', '4', '0', '1', '0', '0', '0', '0'],
          [
            ...day('2026-05-11'),
            'Story A',
            '35-44',
            'male',
            '12.00',
            '5000',
            '4000',
            '30',
            '200',
            '5',
            '5',
            '2',
            '900',
          ],
        ]),
      );
      // The same campaign paid in euros: its own row, never added to the dollars.
      await upload(
        'meta-eur.csv',
        toCsv([
          META_HEAD.map((h) => (h === 'Amount spent (USD)' ? 'Amount spent (EUR)' : h)),
          [
            ...day('2026-05-12'),
            'Story B',
            '25-34',
            'female',
            '25.50',
            '8000',
            '6000',
            '50',
            '400',
            '10',
            '5',
            '5',
            '1500',
          ],
        ]),
      );
      // Instagram posts: one inside the range, one too small to show, one without reach, one straddling the end.
      await upload(
        'ig.csv',
        toCsv([
          ['Post ID', 'Account username', 'Description', 'Publish time', 'Date', 'Views', 'Reach', 'Likes'],
          ['111', 'acct', 'Inside post', '05/02/2026 09:00', '05/09/2026', '5000', '4000', '300'],
          ['222', 'acct', 'Small post', '05/03/2026 09:00', '05/04/2026', '7', '5', '1'],
          ['333', 'acct', 'No reach post', '05/05/2026 09:00', '05/06/2026', '3000', '', '150'],
          ['444', 'acct', 'Straddling post', '05/28/2026 09:00', '06/05/2026', '7000', '6000', '400'],
        ]),
        { campaign: 'exp' },
      );
    });

    const money = (v: unknown) =>
      v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? '<11'
          : String(Math.round((v as number) * 100) / 100);

    it("platform-reach: the card's columns and figures, creatives named as the breakdown names them, small reach hidden", async () => {
      const summary = await p.agent.get(`/api/v1/analytics/summary?${qs}`).expect(200);
      const breakdown = await p.agent.get(`/api/v1/analytics/breakdown?${qs}&by=creative`).expect(200);
      type Reported = {
        platform: string;
        creativeId: string | null;
        periodStart: string;
        periodEnd: string;
        reach: unknown;
      };
      const reported = summary.body.meta.reach.platformReported as Reported[];
      expect(reported.length).toBeGreaterThanOrEqual(6);
      const names = new Map(
        (breakdown.body.rows as { key: { value: string; label: string }[] }[]).map((r) => [
          r.key[0]?.value,
          r.key[0]?.label,
        ]),
      );
      const { csv } = await both('platform-reach', qs, p.agent);
      await expectScreenColumns(
        'platform-reach',
        qs,
        ['Platform', 'Creative or post', 'Period', 'Audience', 'Reported', "Platform's reach"],
        reported.map((r, i) => [
          r.platform === 'instagram' ? 'Instagram' : 'Facebook',
          r.creativeId ? (names.get(r.creativeId) ?? 'A creative') : 'Whole campaign',
          r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} to ${r.periodEnd}`,
          csv.rows[i]?.[3] ?? '',
          csv.rows[i]?.[4] ?? '',
          asExported(r.reach, false),
        ]),
        p.agent,
      );
      const story = csv.rows.find((r) => r[1] === 'Story A' && r[2] === '2026-05-10')!;
      expect(story[3]).toBe('18–24 · Female');
      expect(Math.abs(Number(story[5]) - 15000)).toBeLessThanOrEqual(5);
      // Story C's reach of 4 and the small post's 5 are hidden, as on screen.
      expect(csv.rows.find((r) => r[1] === 'Story C')?.[5]).toBe('<11');
      expect(csv.rows.find((r) => r[1] === 'Small post')?.[5]).toBe('<11');
      expect(csv.rows.map((r) => r[5])).not.toContain('4');
    });

    it("posts: the card's columns, the interval as its bounds, hidden and straddling posts as the screen shows them", async () => {
      const screen = await p.agent.get(`/api/v1/analytics/reported-periods?${qs}`).expect(200);
      type Row = {
        creativeName: string | null;
        platform: string;
        periodStart: string;
        periodEnd: string;
        included: boolean;
        impressions: unknown;
        engagements: unknown;
        engagementRate: unknown;
        interval: { lower: number; upper: number } | null | { suppressed: true };
        platformReach: unknown;
      };
      const rows = screen.body.rows as Row[];
      expect(rows).toHaveLength(4);
      const bound = (r: Row, side: 'lower' | 'upper') =>
        r.interval === null ? '' : 'suppressed' in r.interval ? '<11' : asExported(r.interval[side], true);
      const { csv } = await both('posts', qs, p.agent);
      await expectScreenColumns(
        'posts',
        qs,
        [
          'Post or creative',
          'Platform',
          'Period covered',
          'Reported',
          'In the totals',
          'Impressions',
          'Engagements',
          'Engagement rate (%)',
          'Engagement rate 95% low (%)',
          'Engagement rate 95% high (%)',
          "Platform's reach",
        ],
        rows.map((r, i) => [
          r.creativeName ?? 'Whole campaign',
          'Instagram',
          r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} to ${r.periodEnd}`,
          csv.rows[i]?.[3] ?? '',
          r.included ? 'Yes' : 'No: straddles the range',
          asExported(r.impressions, false),
          asExported(r.engagements, false),
          asExported(r.engagementRate, true),
          bound(r, 'lower'),
          bound(r, 'upper'),
          asExported(r.platformReach, false),
        ]),
        p.agent,
      );
      const byName = new Map(csv.rows.map((r) => [r[0], r]));
      expect(byName.get('Inside post')?.slice(2, 5)).toEqual(['2026-05-02 to 2026-05-09', 'Lifetime, per post', 'Yes']);
      expect(byName.get('Straddling post')?.[4]).toBe('No: straddles the range');
      expect(byName.get('Small post')?.slice(5, 11)).toEqual(['<11', '<11', '<11', '<11', '<11', '<11']);
      expect(byName.get('No reach post')?.[10]).toBe('');
      expect(Number(byName.get('Inside post')?.[7])).toBeGreaterThan(1);
    });

    it('spend: one row per currency, the currency in every money header, costs as the card shows them', async () => {
      const summary = await p.agent.get(`/api/v1/analytics/summary?${qs}`).expect(200);
      type Spend = Record<string, unknown> & { currency: string };
      const spend = summary.body.spend as Spend[];
      expect(spend.map((s) => s.currency)).toEqual(['EUR', 'USD']);
      const costs = ['cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'];
      const costHeaders = ['CPM', 'Cost per click', 'Cost per engagement', 'Cost per resource click'];
      const { xlsx } = await both('spend', qs, p.agent);
      await expectScreenColumns(
        'spend',
        qs,
        [
          'Currency',
          'Spend (EUR)',
          'Spend (USD)',
          'Impressions',
          ...costHeaders.flatMap((h) => [`${h} (EUR)`, `${h} (USD)`]),
        ],
        spend.map((s) => [
          s.currency,
          s.currency === 'EUR' ? money(s.spend) : '',
          s.currency === 'USD' ? money(s.spend) : '',
          asExported(s.impressions, false),
          ...costs.flatMap((c) => [s.currency === 'EUR' ? money(s[c]) : '', s.currency === 'USD' ? money(s[c]) : '']),
        ]),
        p.agent,
      );
      // Exact money: 40.25 + 30.10 + 0.40 + 12.00 dollars, 25.50 euros; never added together.
      expect(xlsx.rows.find((r) => r[0] === 'USD')?.[2]).toBe(82.75);
      expect(xlsx.rows.find((r) => r[0] === 'EUR')?.[1]).toBe(25.5);
      expect(xlsx.rows.flat()).not.toContain(108.25);
    });

    it('segment-spend: a row per segment and currency, with its rule, from the segment report', async () => {
      const segQs = `${qs}&compare=previous&segment=preset:young-adults&segment=preset:adults`;
      const report = await p.agent.get(`/api/v1/analytics/segments?${segQs}`).expect(200);
      type Row = { segment: { name: string }; spend: (Record<string, unknown> & { currency: string })[] };
      const rows = report.body.rows as Row[];
      const currencies = [...new Set(rows.flatMap((r) => r.spend.map((s) => s.currency)))].sort();
      expect(currencies).toEqual(['EUR', 'USD']);
      const ids = ['spend', 'cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'];
      const labels = ['Spend', 'CPM', 'Cost per click', 'Cost per engagement', 'Cost per resource click'];
      const { csv } = await both('segment-spend', segQs, p.agent);
      await expectScreenColumns(
        'segment-spend',
        segQs,
        ['Segment', 'Rule', 'Currency', ...labels.flatMap((l) => currencies.map((c) => `${l} (${c})`))],
        rows.flatMap((r, i) =>
          r.spend.map((s) => [
            r.segment.name,
            csv.rows.find((row) => row[0] === r.segment.name)?.[1] ?? String(i),
            s.currency,
            ...ids.flatMap((id) => currencies.map((c) => (c === s.currency ? money(s[id]) : ''))),
          ]),
        ),
        p.agent,
      );
      expect(csv.rows.find((r) => r[0] === 'Young adults 18–24')?.slice(1, 3)).toEqual(['age 18-24', 'USD']);
      expect(Number(csv.rows.find((r) => r[0] === 'Young adults 18–24')?.[4])).toBeCloseTo(70.75, 2);
    });

    it("compare: one segment's panel, best rate first, hidden cells hidden, named by segment and period", async () => {
      const matrixQs = `${qs}&segment=preset:young-adults&segment=preset:adults`;
      const screen = await p.agent.get(`/api/v1/analytics/creatives?${matrixQs}`).expect(200);
      type Cell = {
        creativeId: string;
        segmentId: string;
        impressions: unknown;
        engagementRate: unknown;
        interval: { lower: number; upper: number } | null | { suppressed: true };
        probabilityToBeBest: number | null;
        verdict: string;
      };
      const creatives = new Map((screen.body.creatives as { id: string; name: string }[]).map((c) => [c.id, c.name]));
      const rate = (c: Cell) => (typeof c.engagementRate === 'number' ? c.engagementRate : -1);
      const cells = (screen.body.cells as Cell[])
        .filter((c) => c.segmentId === 'preset:young-adults')
        .sort(
          (a, b) =>
            rate(b) - rate(a) || (creatives.get(a.creativeId) ?? '').localeCompare(creatives.get(b.creativeId) ?? ''),
        );
      expect(cells.length).toBeGreaterThanOrEqual(3);
      const bound = (c: Cell, side: 'lower' | 'upper') =>
        c.interval === null ? '' : 'suppressed' in c.interval ? '<11' : asExported(c.interval[side], true);
      const panelQs = `${matrixQs}&panel=preset:young-adults`;
      await expectScreenColumns(
        'compare',
        panelQs,
        [
          'Creative',
          'Engagement rate (%)',
          'Engagement rate 95% low (%)',
          'Engagement rate 95% high (%)',
          'Impressions',
          'Chance of being best (%)',
          'Verdict',
        ],
        cells.map((c) => [
          creatives.get(c.creativeId) ?? '',
          asExported(c.engagementRate, true),
          bound(c, 'lower'),
          bound(c, 'upper'),
          asExported(c.impressions, false),
          asExported(c.probabilityToBeBest, true),
          c.verdict.charAt(0).toUpperCase() + c.verdict.slice(1),
        ]),
        p.agent,
      );
      const { csv, names } = await both('compare', panelQs, p.agent);
      expect(csv.rows[0]?.[0]).toBe('Story A');
      expect(csv.rows.find((r) => r[0] === 'Story C')?.slice(1, 5)).toEqual(['<11', '<11', '<11', '<11']);
      // Another panel of the same page, with visible rates: best rate first (Story B 5.9 % before Story A 4.8 %),
      // Story C (no impressions there) last.
      const adults = await both('compare', `${matrixQs}&panel=preset:adults`, p.agent);
      expect(adults.csv.rows.map((r) => r[0])).toEqual(['Story B', 'Story A', 'Story C']);
      expect(Number(adults.csv.rows[0]?.[1])).toBeGreaterThan(Number(adults.csv.rows[1]?.[1]));
      expect(Number(adults.csv.rows[1]?.[1])).toBeGreaterThan(1);
      expect(names).toEqual([
        'resonance-compare-young-adults-18-24-2026-05-01-to-2026-05-31.csv',
        'resonance-compare-young-adults-18-24-2026-05-01-to-2026-05-31.xlsx',
      ]);
    });

    it.each([
      ['platform-reach', qs],
      ['posts', qs],
      ['spend', qs],
      ['segment-spend', `${qs}&compare=previous`],
    ])('%s: CSV and XLSX named by the period, the same cells, notes in both', async (report, query) => {
      const { csv, xlsx, names } = await both(report, query, p.agent);
      expect(names).toEqual([
        `resonance-${report}-2026-05-01-to-2026-05-31.csv`,
        `resonance-${report}-2026-05-01-to-2026-05-31.xlsx`,
      ]);
      expect(csv.rows.length).toBeGreaterThan(0);
      expect(xlsx.headers).toEqual(csv.headers);
      expect(xlsx.rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))))).toEqual(csv.rows);
      const text = (await p.agent.get(`/api/v1/exports/${report}.csv?${query}`).expect(200)).text;
      expect(text).toContain('Suppression');
      expect(text).toContain('2026-05-01 to 2026-05-31 (UTC)');
    });

    it.each([
      ['compare.csv', `${qs}`, 'missing_parameter', 'panel'],
      ['compare.csv', `${qs}&panel=preset:teens-and-tweens`, 'invalid_parameter', 'panel'],
      ['spend.csv', `${qs}&panel=preset:young-adults`, 'unsupported_parameter', 'panel'],
      ['posts.xlsx', `${qs}&metric=impressions`, 'unsupported_parameter', 'metric'],
    ])('answers %s?%s with 400 %s', async (file, query, code, field) => {
      const res = await p.agent.get(`/api/v1/exports/${file}?${query}`).expect(400);
      expect(res.body).toMatchObject({ code, details: { field } });
      expect(res.body.message).toContain(field);
    });

    it('is refused to a viewer, answered to a read API key, and audited', async () => {
      const viewer = await p.addMember('viewer');
      const analyst = await p.addMember('analyst');
      const { key } = await p.apiKey(['read']);
      for (const [report, query] of [
        ['platform-reach', qs],
        ['posts', qs],
        ['spend', qs],
        ['segment-spend', qs],
        ['compare', `${qs}&panel=preset:young-adults`],
      ] as const) {
        const refused = await viewer.agent.get(`/api/v1/exports/${report}.xlsx?${query}`).expect(403);
        expect(refused.body.code).toBe('forbidden_role');
        await analyst.agent.get(`/api/v1/exports/${report}.csv?${query}`).expect(200);
        await request(app.getHttpServer())
          .get(`/api/v1/exports/${report}.csv?${query}`)
          .set('Authorization', `Bearer ${key}`)
          .expect(200);
      }
      const audit = await p.agent.get('/api/v1/audit?limit=100').expect(200);
      const logged = (
        audit.body.items as { action: string; target: { id: string } | null; details: { query?: { panel?: string } } }[]
      ).filter((e) => e.action === 'export.downloaded');
      for (const id of ['platform-reach.csv', 'posts.csv', 'spend.csv', 'segment-spend.csv', 'compare.csv']) {
        expect(logged.map((e) => e.target?.id)).toContain(id);
      }
      expect(logged.find((e) => e.target?.id === 'compare.csv')?.details.query?.panel).toBe('preset:young-adults');
    });

    it('names a creative two campaigns share with its campaign, as the compare page does (All campaigns)', async () => {
      await app
        .get(DataSource)
        .query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'exp2', 'Second campaign')`, [p.orgId]);
      await upload(
        'meta-second.csv',
        toCsv([
          META_HEAD,
          [
            '2026-05-13',
            '2026-05-13',
            'Second campaign',
            'Broad',
            'Story A',
            '18-24',
            'female',
            '1.00',
            '3000',
            '2000',
            '10',
            '90',
            '5',
            '2',
            '1',
            '500',
          ],
        ]),
      );
      const allQs = `${range}&segment=preset:young-adults`;
      const panel = await both('compare', `${allQs}&panel=preset:young-adults`, p.agent);
      const names = panel.csv.rows.map((r) => r[0]);
      expect(names).toEqual(
        expect.arrayContaining(['Story A (Exports campaign)', 'Story A (Second campaign)', 'Story B']),
      );
      expect(names).not.toContain('Story A');
      const matrix = await both('creatives', allQs, p.agent);
      expect(matrix.csv.rows.map((r) => r[1])).toEqual(
        expect.arrayContaining(['Story A (Exports campaign)', 'Story A (Second campaign)']),
      );
      // With the campaign chosen, the names are as they are.
      const one = await both('compare', `${allQs}&campaign=exp&panel=preset:young-adults`, p.agent);
      expect(one.csv.rows.map((r) => r[0])).toContain('Story A');
    });

    it("never holds another organisation's platform figures", async () => {
      // The first organisation has events but no platform imports: nothing of p's appears.
      for (const report of ['platform-reach', 'posts', 'spend', 'segment-spend']) {
        const { csv } = await both(report, range);
        expect(csv.rows).toEqual([]);
      }
      const { csv } = await both('compare', `${range}&segment=preset:young-adults&panel=preset:young-adults`);
      expect(csv.rows.map((r) => r[0])).toEqual(['Creative story']);
      const all = (await tenant.agent.get(`/api/v1/exports/posts.csv?${range}`).expect(200)).text;
      for (const name of ['Story A', 'Inside post', 'Small post']) expect(all).not.toContain(name);
    });
  });
});
