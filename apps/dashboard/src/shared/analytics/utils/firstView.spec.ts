import { filterParamsOf, firstViewParams, lastViewKey } from './firstView';

const campaigns = [
  { id: 'a', name: 'Spring', startsOn: '2026-03-01', endsOn: '2026-03-31' },
  { id: 'b', name: 'Awareness', startsOn: '2026-05-01', endsOn: '2026-05-31' },
  { id: 'c', name: 'Planned', startsOn: '2026-09-01', endsOn: '2026-09-30' },
];
const today = '2026-07-15';
const p = (s: string) => new URLSearchParams(s);

describe('firstViewParams', () => {
  it('leaves a URL that names filters alone (a shared link opens what it says)', () => {
    expect(firstViewParams(p('range=last7'), 'range=last90', campaigns, today)).toBeNull();
    expect(firstViewParams(p('from=2026-01-01&to=2026-01-31'), null, campaigns, today)).toBeNull();
  });

  it("opens on the user's last view of the page, keeping other parameters", () => {
    const next = firstViewParams(p('seg=preset%3Ateens'), 'range=last90&campaign=b&tab=x', campaigns, today);
    expect(next?.toString()).toBe('seg=preset%3Ateens&range=last90&campaign=b');
  });

  it('else opens on the latest campaign that has begun (not a planned one), up to its end', () => {
    expect(firstViewParams(p(''), null, campaigns, today)?.toString()).toBe(
      'range=custom&from=2026-05-01&to=2026-05-31',
    );
    // A running campaign: up to today.
    expect(firstViewParams(p(''), '', campaigns, '2026-05-10')?.toString()).toBe(
      'range=custom&from=2026-05-01&to=2026-05-10',
    );
  });

  it('else keeps the defaults', () => {
    expect(firstViewParams(p(''), null, [], today)).toBeNull();
  });
});

describe('lastViewKey and filterParamsOf', () => {
  it('keys a last view by organisation, user and page, and keeps only filters', () => {
    expect(lastViewKey('u1', 'o1', '/report')).toBe('resonance:last-view:o1:u1:/report');
    expect(filterParamsOf(p('tab=2&range=last7&platform=tiktok&seg=x')).toString()).toBe('range=last7&platform=tiktok');
  });
});
