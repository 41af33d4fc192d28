import type { EventType } from '@resonance/contracts';
import {
  AGE_BANDS_USED,
  BASE_RATES,
  HOUR_WEIGHTS,
  PLATFORMS_USED,
  THEME_RESOURCE_FACTOR,
  WEEKDAY_FACTOR,
  addDays,
  buildCampaigns,
  buildMembers,
  campaignDays,
  isVideo,
  segmentFactor,
  type DemoCampaign,
  type DemoCreative,
  type Member,
} from './demo-story.js';
import { Prng, hash32 } from '../common/random/prng.js';

/** One generated raw event; campaign, creative and member are indexes into the plan. */
export interface GeneratedEvent {
  eventId: string;
  occurredAtMs: number;
  campaign: number;
  creative: number;
  member: number;
  type: EventType;
}

interface ActiveCreative {
  campaign: number;
  creative: number;
  spec: DemoCreative;
  /** Engagement multiplier per age band index (segment × quality × boost). */
  factorByAge: number[];
  resourceFactor: number;
  video: boolean;
  members: number[];
}

interface DayTarget {
  day: string;
  /** [active creative index, expected impressions] */
  impressions: { creative: ActiveCreative; expected: number; spike: number }[];
}

export interface DemoPlan {
  seed: number;
  campaigns: DemoCampaign[];
  members: Member[];
  days: DayTarget[];
  /** Expected number of events (the target). */
  expectedEvents: number;
}

const HOURS = HOUR_WEIGHTS.map((_, h) => h);

function expectedEventsPerImpression(creative: DemoCreative): number {
  const engagement =
    BASE_RATES.like +
    BASE_RATES.comment +
    BASE_RATES.share +
    BASE_RATES.save +
    BASE_RATES.click +
    BASE_RATES.follow +
    BASE_RATES.resource_click;
  const media = isVideo(creative.format)
    ? BASE_RATES.video_view * (1 + BASE_RATES.video_complete_given_view)
    : BASE_RATES.view;
  return 1 + media + engagement * creative.quality;
}

/** Members who use a platform, in a stable order. */
function membersByPlatform(members: readonly Member[]): Map<string, number[]> {
  const map = new Map<string, number[]>(PLATFORMS_USED.map((p) => [p, []]));
  members.forEach((m, i) => {
    for (const p of m.platforms) map.get(p)?.push(i);
  });
  return map;
}

/**
 * The whole plan: campaigns, members, and how many impressions each creative gets each day so
 * that about `events` events come out. Events themselves are made day by day (generateDay), so
 * memory stays bounded whatever the target.
 */
export function planDemo(options: { now: Date; seed: number; events: number }): DemoPlan {
  const { now, seed, events } = options;
  const campaigns = buildCampaigns({ now, seed });
  const memberCount = Math.max(1500, Math.min(500_000, Math.round(events / 18)));
  const members = buildMembers(seed, memberCount);
  const byPlatform = membersByPlatform(members);
  const today = now.toISOString().slice(0, 10);
  const from = addDays(today, -730);

  const active: ActiveCreative[][] = campaigns.map((campaign, ci) =>
    campaign.creatives.map((spec, ki) => ({
      campaign: ci,
      creative: ki,
      spec,
      factorByAge: AGE_BANDS_USED.map((band) => segmentFactor(band, spec) * spec.quality * (spec.boost[band] ?? 1)),
      resourceFactor: THEME_RESOURCE_FACTOR[spec.theme],
      video: isVideo(spec.format),
      members: byPlatform.get(spec.platform) ?? [],
    })),
  );

  // Relative volume per (day, campaign): intensity × awareness-day spike × weekday rhythm.
  const byDay = new Map<string, { campaign: number; weight: number; spike: number }[]>();
  let total = 0;
  campaigns.forEach((campaign, ci) => {
    for (const day of campaignDays(campaign, from, today)) {
      const spike = campaign.spikes[day] ?? 1;
      const weekday = WEEKDAY_FACTOR[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 1;
      const weight = campaign.intensity * spike * weekday;
      total += weight;
      const list = byDay.get(day) ?? [];
      list.push({ campaign: ci, weight, spike });
      byDay.set(day, list);
    }
  });

  const days: DayTarget[] = [...byDay.keys()].sort().map((day) => {
    const impressions: DayTarget['impressions'] = [];
    for (const { campaign, weight, spike } of byDay.get(day) ?? []) {
      const creatives = active[campaign] ?? [];
      const creativeWeight = creatives.reduce((sum, c) => sum + c.spec.weight, 0);
      const campaignEvents = (events * weight) / total;
      for (const creative of creatives) {
        const share = (campaignEvents * creative.spec.weight) / creativeWeight;
        impressions.push({ creative, expected: share / expectedEventsPerImpression(creative.spec), spike });
      }
    }
    return { day, impressions };
  });
  return { seed, campaigns, members, days, expectedEvents: events };
}

/** Picks a member of the creative's platform; a few members are much more active than most. */
function pickMember(prng: Prng, pool: readonly number[]): number {
  const u = prng.next();
  return pool[Math.floor(u * u * pool.length)] ?? 0;
}

/** All events of one day, in time order of generation (deterministic for the plan's seed). */
export function generateDay(plan: DemoPlan, dayIndex: number): GeneratedEvent[] {
  const target = plan.days[dayIndex];
  if (!target) return [];
  const prng = new Prng(plan.seed ^ hash32(target.day));
  const dayStart = Date.parse(`${target.day}T00:00:00Z`);
  const out: GeneratedEvent[] = [];
  let n = 0;
  const prefix = `demo-${plan.seed}-${target.day}-`;
  const emit = (creative: ActiveCreative, member: number, type: EventType, at: number): void => {
    out.push({
      eventId: prefix + n,
      occurredAtMs: at,
      campaign: creative.campaign,
      creative: creative.creative,
      member,
      type,
    });
    n += 1;
  };
  for (const { creative, expected, spike } of target.impressions) {
    if (creative.members.length === 0) continue;
    const count = prng.round(expected);
    // Awareness days also lift engagement a little: people are primed to share.
    const dayLift = spike > 1 ? 1.08 : 1;
    for (let i = 0; i < count; i += 1) {
      const member = pickMember(prng, creative.members);
      const ageIndex = AGE_BANDS_USED.indexOf(plan.members[member]?.ageBand ?? '25-34');
      const f = (creative.factorByAge[ageIndex] ?? 1) * dayLift;
      const soft = Math.sqrt(f);
      const hour = prng.weighted(HOURS, HOUR_WEIGHTS);
      let at = dayStart + hour * 3_600_000 + prng.int(3_540_000);
      emit(creative, member, 'impression', at);
      if (creative.video) {
        if (prng.chance(Math.min(0.95, BASE_RATES.video_view * soft))) {
          at += 2000;
          emit(creative, member, 'video_view', at);
          if (prng.chance(Math.min(0.95, BASE_RATES.video_complete_given_view * soft)))
            emit(creative, member, 'video_complete', at + 20_000);
        }
      } else if (prng.chance(Math.min(0.95, BASE_RATES.view * soft))) {
        at += 3000;
        emit(creative, member, 'view', at);
      }
      if (prng.chance(BASE_RATES.like * f)) emit(creative, member, 'like', at + 4000);
      if (prng.chance(BASE_RATES.comment * f)) emit(creative, member, 'comment', at + 9000);
      if (prng.chance(BASE_RATES.share * f)) emit(creative, member, 'share', at + 7000);
      if (prng.chance(BASE_RATES.save * f)) emit(creative, member, 'save', at + 6000);
      if (prng.chance(BASE_RATES.click * f)) emit(creative, member, 'click', at + 5000);
      if (prng.chance(BASE_RATES.follow * f)) emit(creative, member, 'follow', at + 8000);
      if (prng.chance(BASE_RATES.resource_click * f * creative.resourceFactor))
        emit(creative, member, 'resource_click', at + 12_000);
    }
  }
  return out;
}
