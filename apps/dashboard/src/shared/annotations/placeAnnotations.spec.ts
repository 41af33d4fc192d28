import type { Annotation } from '@resonance/contracts';
import { annotationDates, placeAnnotations } from './placeAnnotations';

function note(id: string, startsOn: string, endsOn = startsOn, kind: Annotation['kind'] = 'note'): Annotation {
  return { id, kind, startsOn, endsOn, text: id, campaign: null, observance: null, createdBy: null, updatedAt: null };
}

const may = { from: '2026-05-01', to: '2026-05-31' };
const days = Array.from({ length: 31 }, (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`);

describe('placeAnnotations', () => {
  it('puts a one-day note on its day as a line, and a range as an area from its first to its last day', () => {
    const placed = placeAnnotations(
      [note('press', '2026-05-12'), note('boost', '2026-05-20', '2026-05-24')],
      days,
      may,
    );
    expect(placed).toEqual([
      {
        id: 'press',
        kind: 'note',
        text: 'press',
        dates: '12 May 2026',
        x1: '2026-05-12',
        x2: '2026-05-12',
        single: true,
      },
      {
        id: 'boost',
        kind: 'note',
        text: 'boost',
        dates: '20 May 2026 – 24 May 2026',
        x1: '2026-05-20',
        x2: '2026-05-24',
        single: false,
      },
    ]);
  });

  it('clips a range that runs past either end of the chart, and leaves out what lies outside it', () => {
    const placed = placeAnnotations(
      [
        note('month', '2026-04-20', '2026-06-10', 'observance'),
        note('before', '2026-04-01', '2026-04-30'),
        note('after', '2026-06-01'),
      ],
      days,
      may,
    );
    expect(placed.map((p) => [p.id, p.x1, p.x2, p.single])).toEqual([['month', '2026-05-01', '2026-05-31', false]]);
  });

  it.each([
    // Week buckets start on Mondays: a Wednesday note sits on its week.
    [['2026-05-04', '2026-05-11', '2026-05-18'], '2026-05-13', '2026-05-13', '2026-05-11', '2026-05-11'],
    // A range inside one week is one mark (a line) on that week.
    [['2026-05-04', '2026-05-11', '2026-05-18'], '2026-05-12', '2026-05-14', '2026-05-11', '2026-05-11'],
    // Month buckets.
    [['2026-04-01', '2026-05-01', '2026-06-01'], '2026-05-10', '2026-06-03', '2026-05-01', '2026-06-01'],
    // Hour buckets: a day covers its first to its last hour.
    [
      ['2026-05-12T22:00', '2026-05-13T00:00', '2026-05-13T01:00', '2026-05-14T00:00'],
      '2026-05-13',
      '2026-05-13',
      '2026-05-13T00:00',
      '2026-05-13T01:00',
    ],
  ])('places on coarser buckets %j: %s–%s → %s..%s', (buckets, startsOn, endsOn, x1, x2) => {
    const [placed] = placeAnnotations([note('n', startsOn, endsOn)], buckets, { from: '2026-04-01', to: '2026-06-30' });
    expect([placed?.x1, placed?.x2]).toEqual([x1, x2]);
    expect(placed?.single).toBe(x1 === x2);
  });

  it('places nothing on an empty chart', () => {
    expect(placeAnnotations([note('n', '2026-05-12')], [], may)).toEqual([]);
  });

  it('writes dates as a reader would say them', () => {
    expect(annotationDates({ startsOn: '2026-10-10', endsOn: '2026-10-10' })).toBe('10 Oct 2026');
    expect(annotationDates({ startsOn: '2026-12-28', endsOn: '2027-01-03' })).toBe('28 Dec 2026 – 3 Jan 2027');
  });
});
