import { generateDay, planDemo, type DemoPlan, type GeneratedEvent } from './demo-events.js';

const NOW = new Date('2026-11-25T12:00:00Z');

function allEvents(plan: DemoPlan): GeneratedEvent[] {
  const out: GeneratedEvent[] = [];
  for (let d = 0; d < plan.days.length; d += 1) for (const e of generateDay(plan, d)) out.push(e);
  return out;
}

const ENGAGEMENT = new Set(['like', 'comment', 'share', 'save', 'click']);

describe('demo story generator', () => {
  const plan = planDemo({ now: NOW, seed: 42, events: 250_000 });
  const events = allEvents(plan);
  const dayOf = (e: GeneratedEvent): string => new Date(e.occurredAtMs).toISOString().slice(0, 10);

  /** Engagements / impressions for events matching a filter. */
  function engagementRate(match: (e: GeneratedEvent) => boolean): { rate: number; impressions: number } {
    let impressions = 0;
    let engagements = 0;
    for (const e of events) {
      if (!match(e)) continue;
      if (e.type === 'impression') impressions += 1;
      else if (ENGAGEMENT.has(e.type)) engagements += 1;
    }
    return { rate: engagements / impressions, impressions };
  }
  const creativeOf = (e: GeneratedEvent) => plan.campaigns[e.campaign]?.creatives[e.creative];
  const ageOf = (e: GeneratedEvent) => plan.members[e.member]?.ageBand;

  it('is deterministic: the same seed gives the same events, another seed different ones', () => {
    const again = planDemo({ now: NOW, seed: 42, events: 250_000 });
    const day = plan.days.findIndex((d) => d.day === '2026-05-01');
    expect(generateDay(again, day).slice(0, 50)).toEqual(generateDay(plan, day).slice(0, 50));
    expect(allEvents(again).length).toBe(events.length);
    const other = planDemo({ now: NOW, seed: 43, events: 250_000 });
    expect(generateDay(other, day).slice(0, 50)).not.toEqual(generateDay(plan, day).slice(0, 50));
  });

  it('comes out near the requested number of events, over two years of campaigns ending at now', () => {
    expect(events.length).toBeGreaterThan(225_000);
    expect(events.length).toBeLessThan(275_000);
    const keys = plan.campaigns.map((c) => c.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'mham-2025',
        'spam-2025',
        'miaw-2025',
        'wmhd-2025',
        'mham-2026',
        'spam-2026',
        'wmhd-2026',
      ]),
    );
    const days = events.map(dayOf).sort();
    expect(days[0]! >= '2024-11-25').toBe(true);
    expect(days.at(-1)! <= '2026-11-25').toBe(true);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('18–24 engage more with short video than with articles; 55+ the other way round', () => {
    const young = (format: string) => engagementRate((e) => ageOf(e) === '18-24' && creativeOf(e)?.format === format);
    const old = (format: string) =>
      engagementRate((e) => (ageOf(e) === '55-64' || ageOf(e) === '65+') && creativeOf(e)?.format === format);
    expect(young('short_video').rate).toBeGreaterThan(young('article').rate * 1.5);
    expect(old('article').rate).toBeGreaterThan(old('short_video').rate * 1.5);
    expect(young('article').impressions).toBeGreaterThan(300);
    expect(old('short_video').impressions).toBeGreaterThan(300);
  });

  it('spikes on awareness days and months: 10 Sep, 10 Oct, and May above April', () => {
    const perDay = new Map<string, number>();
    for (const e of events) perDay.set(dayOf(e), (perDay.get(dayOf(e)) ?? 0) + 1);
    const mean = (prefix: string) => {
      const values = [...perDay].filter(([d]) => d.startsWith(prefix)).map(([, n]) => n);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(perDay.get('2025-09-10')!).toBeGreaterThan(2 * mean('2025-09'));
    expect(perDay.get('2025-10-10')!).toBeGreaterThan(2 * mean('2025-10'));
    expect(mean('2025-05')).toBeGreaterThan(4 * mean('2025-04'));
    expect(mean('2026-05')).toBeGreaterThan(4 * mean('2026-03'));
  });

  it('the last Mental Health Awareness Month has a clear winner for 18–24', () => {
    const may = plan.campaigns.findIndex((c) => c.key === 'mham-2026');
    const rates = (plan.campaigns[may]?.creatives ?? []).map((c, k) => ({
      key: c.key,
      ...engagementRate((e) => e.campaign === may && e.creative === k && ageOf(e) === '18-24'),
    }));
    const sorted = [...rates].sort((a, b) => b.rate - a.rate);
    expect(sorted[0]?.key).toBe('sams-story');
    expect(sorted[0]!.rate).toBeGreaterThan(1.2 * sorted[1]!.rate);
    expect(sorted[0]!.impressions).toBeGreaterThan(500);
  });

  it('members keep their demographics and see several creatives over time', () => {
    const seen = new Map<number, Set<string>>();
    for (const e of events) {
      if (e.type !== 'impression') continue;
      const set = seen.get(e.member) ?? new Set<string>();
      set.add(`${e.campaign}/${e.creative}`);
      seen.set(e.member, set);
    }
    const several = [...seen.values()].filter((s) => s.size >= 3).length;
    expect(several / seen.size).toBeGreaterThan(0.3);
    const rebuilt = planDemo({ now: NOW, seed: 42, events: 250_000 }).members;
    expect(rebuilt.slice(0, 100)).toEqual(plan.members.slice(0, 100));
  });
});
