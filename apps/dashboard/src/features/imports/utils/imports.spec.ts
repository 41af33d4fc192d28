import type { ImportRecord } from '@resonance/contracts';
import { countsSummary, formatLabel, importErrorsCsv, revisionSummary, rowsText } from './importErrors';
import { overviewHrefFor, rowsRange } from './importLinks';
import { importProgressView } from './importProgress';

describe('import helpers', () => {
  it('writes row errors as CSV a spreadsheet opens, formulas defused', () => {
    expect(
      importErrorsCsv([
        { rowNumber: 4, field: 'Impressions', value: '-3', message: 'must be a whole number ≥ 0' },
        { rowNumber: 9, field: 'Age', message: 'unknown age band "12-15", use 13-17' },
      ]),
    ).toBe(
      'Row,Column,Value,Problem\r\n4,Impressions,-3,must be a whole number ≥ 0\r\n9,Age,,"unknown age band ""12-15"", use 13-17"\r\n',
    );
  });

  it.each([
    ['meta_ads', 'Meta Ads Manager export'],
    ['something_else', 'something_else'],
  ])('formatLabel(%s) = %s', (format, label) => {
    expect(formatLabel(format)).toBe(label);
  });

  it.each([
    [{ impression: 1040, like: 48, share: 0 }, '1,040 impressions · 48 likes'],
    [{ video_view: 1, resource_click: 2 }, '1 video view · 2 resource clicks'],
  ])('countsSummary(%j) = %s', (counts, text) => {
    expect(countsSummary(counts)).toBe(text);
  });

  it('says where a collapsed problem occurs and what a revision changed', () => {
    expect(rowsText([2, 3, 4], 525)).toBe('rows 2, 3, 4 and 522 more');
    expect(rowsText([7], 1)).toBe('row 7');
    expect(revisionSummary({ counts: { impression: 500, like: -14 }, spend: { USD: 50 }, reachFigures: 2 })).toBe(
      '+500 impressions · -14 likes · +50.00 USD spend · 2 platform reach figures replaced',
    );
    expect(revisionSummary(null)).toBe('');
  });

  it.each([
    [[], null],
    [
      [
        { periodStart: '2026-05-03', periodEnd: '2026-05-03' },
        { periodStart: '2026-05-01', periodEnd: '2026-05-31' },
      ],
      { from: '2026-05-01', to: '2026-05-31' },
    ],
  ])('rowsRange(%j)', (rows, range) => {
    expect(rowsRange(rows)).toEqual(range);
  });

  it.each([
    [
      'the campaign named in the file, matched by name',
      null,
      '/?range=custom&from=2026-05-01&to=2026-05-02&campaign=c1',
    ],
    ['the campaign chosen, by key', 'mham-2026', '/?range=custom&from=2026-05-01&to=2026-05-02&campaign=c1'],
  ])('overview link for %s', (_name, chosen, href) => {
    const rows = [
      { periodStart: '2026-05-01', periodEnd: '2026-05-01', campaign: 'MHAM 2026 - You are not alone' },
      { periodStart: '2026-05-02', periodEnd: '2026-05-02', campaign: 'MHAM 2026 - You are not alone' },
    ];
    const campaigns = [{ id: 'c1', key: chosen ?? 'other', name: 'MHAM 2026 - You are not alone' }];
    expect(overviewHrefFor(rows, campaigns, chosen)).toBe(href);
  });

  it('uses the campaign window when the campaign has one', () => {
    const rows = [{ periodStart: '2026-05-01', periodEnd: '2026-05-01', campaign: null }];
    const campaigns = [{ id: 'c1', key: 'mham-2026', name: 'MHAM', startsOn: '2026-05-01', endsOn: '2026-05-31' }];
    expect(overviewHrefFor(rows, campaigns, 'mham-2026')).toBe(
      '/?range=custom&from=2026-05-01&to=2026-05-31&campaign=c1',
    );
  });
});

describe('importProgressView', () => {
  const record = (progress: ImportRecord['progress'], rowsRead = progress.rowsDone): ImportRecord => ({
    id: 'i',
    format: 'meta_ads',
    fileName: 'meta.csv',
    checksum: 'x',
    status: progress.phase === 'done' ? 'completed' : 'running',
    rowsRead,
    rowsAccepted: 0,
    rowsNew: 0,
    rowsRevised: 0,
    revision: null,
    rowsDuplicate: 0,
    rowsRejected: 0,
    creativesRegistered: 0,
    progress,
    failure: null,
    errors: [],
    errorsOmitted: 0,
    errorGroups: [],
    mapping: {},
    campaignId: null,
    createdBy: null,
    createdAt: '2026-05-01T00:00:00.000Z',
  });

  it.each([
    [0.4, null, 0.4, 'uploading 40%'],
    [1, null, 0, 'waiting for the server to start reading'],
    [
      1,
      record({ rowsDone: 12000, bytesDone: 250, bytesTotal: 1000, phase: 'reading' }),
      0.25,
      'read 25% of the file, 12,000 rows',
    ],
    [
      1,
      record({ rowsDone: 48000, bytesDone: 1000, bytesTotal: 1000, phase: 'writing' }),
      1,
      'saving the figures of 48,000 rows',
    ],
    [1, record({ rowsDone: 1, bytesDone: 10, bytesTotal: 10, phase: 'done' }), 1, 'done: 1 row'],
  ])('upload %p with server %j → %p, %s', (upload, server, fraction, text) => {
    expect(importProgressView(upload, server)).toEqual({ fraction, text });
  });
});
