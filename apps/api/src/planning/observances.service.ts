import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  daysBetweenIsoDates,
  daysInMonth,
  parseIsoDate,
  resolveObservance,
  validateObservanceRule,
  type ObservanceDateRange,
  type ObservanceRefResolver,
} from '@resonance/analytics';
import type {
  CreateObservanceRequest,
  LinkedCampaign,
  Observance,
  ObservanceDetail,
  ObservanceOccurrence,
  ObservanceYearResponse,
  PlanCampaignRequest,
  UpcomingObservancesResponse,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { resolverFor, SELECT_VISIBLE_OBSERVANCES, toObservance, type StoredObservance } from './observance-store.js';
import { campaignNotFound, observanceNotFound, PlanningError } from './planning.errors.js';
import { addDays } from '../common/time/dates.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';
import { readOrgSettings } from '../warehouse/org-settings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CAMPAIGN_COLUMNS = `"id", "key", "name", "starts_on"::text AS "startsOn", "ends_on"::text AS "endsOn",
  "observance_id" AS "observanceId", "observance_year" AS "observanceYear"`;

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Today's date in an IANA zone (the organisation's reporting day), 'YYYY-MM-DD'. */
function todayIn(timeZone: string): string {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
  } catch {
    return todayUtc();
  }
}

/** `from` plus whole months, the day clamped to the target month's length, minus one day. */
export function monthsAfter(from: string, months: number): string {
  const { year, month, day } = parseIsoDate(from);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  const end = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return addDays(end, -1);
}

function matchesRegion(region: string, regions: readonly string[] | undefined): boolean {
  if (!regions || regions.length === 0) return true;
  return region === 'global' || regions.includes(region);
}

/** Days between two ranges (0 when they overlap). */
function gapDays(a: ObservanceDateRange, b: ObservanceDateRange): number {
  if (a.endsOn < b.startsOn) return daysBetweenIsoDates(a.endsOn, b.startsOn);
  if (b.endsOn < a.startsOn) return daysBetweenIsoDates(b.endsOn, a.startsOn);
  return 0;
}

export interface VisibleObservances {
  all: StoredObservance[];
  resolve: ObservanceRefResolver;
}

@Injectable()
export class ObservancesService {
  private readonly logger = new Logger(ObservancesService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async visible({ orgId }: { orgId: string }): Promise<VisibleObservances> {
    const all: StoredObservance[] = await this.dataSource.query(
      `${SELECT_VISIBLE_OBSERVANCES} ORDER BY "slug", "source" DESC`,
      [orgId],
    );
    return { all, resolve: resolverFor(all) };
  }

  /** By id, or by slug (the org's own first). 404 for anything not visible to the org. */
  async find({ orgId, idOrSlug }: { orgId: string; idOrSlug: string }): Promise<StoredObservance & VisibleObservances> {
    const visible = await this.visible({ orgId });
    const found = UUID.test(idOrSlug)
      ? visible.all.find((o) => o.id === idOrSlug.toLowerCase())
      : visible.all.find((o) => o.slug === idOrSlug);
    if (!found) throw observanceNotFound(idOrSlug);
    return { ...found, ...visible };
  }

  /** One occurrence, or undefined when a stored rule cannot be placed (logged, never thrown at readers). */
  occurrence(
    observance: StoredObservance,
    year: number,
    resolve: ObservanceRefResolver,
  ): ObservanceDateRange | undefined {
    try {
      return resolveObservance(observance.rule, year, resolve);
    } catch (error) {
      this.logger.warn(`observance ${observance.id} cannot be placed in ${year}: ${(error as Error).message}`);
      return undefined;
    }
  }

  async listYear({
    orgId,
    year,
    regions,
  }: {
    orgId: string;
    year: number;
    regions?: string[];
  }): Promise<ObservanceYearResponse> {
    const { all, resolve } = await this.visible({ orgId });
    const items: ObservanceOccurrence[] = [];
    for (const o of all) {
      if (!matchesRegion(o.region, regions)) continue;
      const range = this.occurrence(o, year, resolve);
      if (range) items.push({ ...toObservance(o, all), year, ...range });
    }
    items.sort(byDates);
    return { items, total: items.length };
  }

  async upcoming(input: {
    orgId: string;
    from?: string;
    months: number;
    regions?: string[];
  }): Promise<UpcomingObservancesResponse> {
    const from = input.from ?? (await this.today(input.orgId));
    const to = monthsAfter(from, input.months);
    const items = await this.between({ orgId: input.orgId, from, to, regions: input.regions });
    return { from, to, items, total: items.length };
  }

  /**
   * Every occurrence overlapping [from, to] (inclusive), as the calendar places them, by start date.
   * Annotations show these on every time chart.
   */
  async between(input: {
    orgId: string;
    from: string;
    to: string;
    regions?: string[];
  }): Promise<ObservanceOccurrence[]> {
    const { from, to } = input;
    const { all, resolve } = await this.visible({ orgId: input.orgId });
    const fromYear = parseIsoDate(from).year;
    const toYear = parseIsoDate(to).year;
    const items: ObservanceOccurrence[] = [];
    for (const o of all) {
      if (!matchesRegion(o.region, input.regions)) continue;
      // A year of slack either side: ranges that wrap the year end, relative rules with offsets.
      for (let year = Math.max(1, fromYear - 1); year <= Math.min(9998, toYear + 1); year++) {
        const range = this.occurrence(o, year, resolve);
        if (range && range.startsOn <= to && range.endsOn >= from)
          items.push({ ...toObservance(o, all), year, ...range });
      }
    }
    items.sort(byDates);
    return items;
  }

  async detail({ orgId, id }: { orgId: string; id: string }): Promise<ObservanceDetail> {
    const found = await this.find({ orgId, idOrSlug: id });
    const thisYear = Number((await this.today(orgId)).slice(0, 4));
    const occurrences: ObservanceDetail['occurrences'] = [];
    for (let year = thisYear - 1; year <= thisYear + 2; year++) {
      const range = this.occurrence(found, year, found.resolve);
      if (range) occurrences.push({ year, ...range });
    }
    const campaigns: LinkedCampaign[] = await this.dataSource.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "org_id" = $1 AND "observance_id" = $2
       ORDER BY "observance_year" DESC NULLS LAST, "starts_on" DESC NULLS LAST, "key"`,
      [orgId, found.id],
    );
    return { ...toObservance(found, found.all), occurrences, campaigns };
  }

  async create({ orgId, body }: { orgId: string; body: CreateObservanceRequest }): Promise<Observance> {
    const checked = validateObservanceRule(body.rule);
    if (!checked.ok) {
      throw new PlanningError(
        'invalid_observance_rule',
        `The rule has ${checked.errors.length} problem(s): ${checked.errors.join('; ')}`,
        checked.errors,
      );
    }
    const { all } = await this.visible({ orgId });
    const clash = all.find((o) => o.slug === body.slug);
    if (clash) {
      throw new PlanningError(
        'observance_slug_taken',
        clash.source === 'catalogue'
          ? `slug "${body.slug}" is a catalogue observance (${clash.name}); choose another slug`
          : `slug "${body.slug}" is already used by your observance "${clash.name}"`,
        { field: 'slug' },
      );
    }
    const candidate: StoredObservance = {
      id: '',
      slug: body.slug,
      name: body.name,
      region: body.region,
      rule: checked.rule,
      organiser: body.organiser ?? null,
      url: body.url ?? null,
      description: body.description ?? null,
      source: 'organization',
    };
    // A relative rule must point at something that exists, without a cycle.
    try {
      resolveObservance(checked.rule, Number(todayUtc().slice(0, 4)), resolverFor([candidate, ...all]));
    } catch (error) {
      const message = (error as Error).message;
      throw new PlanningError('invalid_observance_rule', `The rule cannot be placed in the calendar: ${message}`, [
        message,
      ]);
    }
    try {
      const rows: { id: string }[] = await this.dataSource.query(
        `INSERT INTO "observances" ("org_id", "slug", "name", "region", "rule", "organiser", "url", "description")
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING "id"`,
        [
          orgId,
          body.slug,
          body.name,
          body.region,
          JSON.stringify(checked.rule),
          candidate.organiser,
          candidate.url,
          candidate.description,
        ],
      );
      const id = rows[0]?.id ?? '';
      return toObservance({ ...candidate, id }, [candidate, ...all]);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new PlanningError('observance_slug_taken', `slug "${body.slug}" is already used`, { field: 'slug' });
      }
      throw error;
    }
  }

  async remove({ orgId, id }: { orgId: string; id: string }): Promise<void> {
    const found = await this.find({ orgId, idOrSlug: id });
    if (found.source === 'catalogue') {
      throw new PlanningError(
        'observance_in_use',
        `"${found.name}" is in the shared catalogue and cannot be deleted; only your organisation's own observances can`,
      );
    }
    const linked: { key: string }[] = await this.dataSource.query(
      `SELECT "key" FROM "campaigns" WHERE "org_id" = $1 AND "observance_id" = $2 ORDER BY "key"`,
      [orgId, found.id],
    );
    const dependants = found.all.filter(
      (o) => o.source === 'organization' && o.rule.kind === 'relative' && o.rule.to === found.slug,
    );
    if (linked.length > 0 || dependants.length > 0) {
      throw new PlanningError(
        'observance_in_use',
        `"${found.name}" is still used by ${linked.length} campaign(s) and ${dependants.length} observance(s) ` +
          'with a rule relative to it: unlink or delete those first',
        { campaigns: linked.map((c) => c.key), observances: dependants.map((o) => o.slug) },
      );
    }
    await this.dataSource.query(`DELETE FROM "observances" WHERE "org_id" = $1 AND "id" = $2`, [orgId, found.id]);
  }

  /** Links a campaign; an empty window (both dates null) is filled with the occurrence. */
  async link(input: {
    orgId: string;
    observanceId: string;
    campaignId: string;
    year?: number;
  }): Promise<LinkedCampaign> {
    const found = await this.find({ orgId: input.orgId, idOrSlug: input.observanceId });
    const campaign = await this.campaign(input.orgId, input.campaignId);
    const year = input.year ?? this.defaultYear(found, found.resolve, campaign, await this.today(input.orgId));
    const range = this.occurrence(found, year, found.resolve);
    if (!range) throw new PlanningError('invalid_observance_rule', `"${found.name}" cannot be placed in ${year}`);
    const fill = campaign.startsOn === null && campaign.endsOn === null;
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [LinkedCampaign[], number] = await this.dataSource.query(
      `UPDATE "campaigns" SET "observance_id" = $3, "observance_year" = $4, "updated_at" = now(),
         "starts_on" = CASE WHEN $5 THEN $6::date ELSE "starts_on" END,
         "ends_on" = CASE WHEN $5 THEN $7::date ELSE "ends_on" END
       WHERE "org_id" = $1 AND "id" = $2 RETURNING ${CAMPAIGN_COLUMNS}`,
      [input.orgId, campaign.id, found.id, year, fill, range.startsOn, range.endsOn],
    );
    const updated = rows[0];
    if (!updated) throw campaignNotFound(input.campaignId);
    return updated;
  }

  async unlink(input: { orgId: string; observanceId: string; campaignId: string }): Promise<LinkedCampaign> {
    const found = await this.find({ orgId: input.orgId, idOrSlug: input.observanceId });
    const campaign = await this.campaign(input.orgId, input.campaignId);
    if (campaign.observanceId !== found.id) {
      throw new PlanningError('campaign_not_found', `Campaign ${campaign.key} is not linked to "${found.name}"`);
    }
    const [rows]: [LinkedCampaign[], number] = await this.dataSource.query(
      `UPDATE "campaigns" SET "observance_id" = NULL, "observance_year" = NULL, "updated_at" = now()
       WHERE "org_id" = $1 AND "id" = $2 RETURNING ${CAMPAIGN_COLUMNS}`,
      [input.orgId, campaign.id],
    );
    const updated = rows[0];
    if (!updated) throw campaignNotFound(input.campaignId);
    return updated;
  }

  /** "Plan a campaign": a new campaign linked to the observance, its window that year's occurrence. */
  async plan({
    orgId,
    observanceId,
    body,
  }: {
    orgId: string;
    observanceId: string;
    body: PlanCampaignRequest;
  }): Promise<LinkedCampaign> {
    const found = await this.find({ orgId, idOrSlug: observanceId });
    const range = this.occurrence(found, body.year, found.resolve);
    if (!range) throw new PlanningError('invalid_observance_rule', `"${found.name}" cannot be placed in ${body.year}`);
    const key = body.key ?? `${found.slug}-${body.year}`;
    try {
      const rows: LinkedCampaign[] = await this.dataSource.query(
        `INSERT INTO "campaigns" ("org_id", "key", "name", "objective", "starts_on", "ends_on", "observance_id", "observance_year")
         VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8) RETURNING ${CAMPAIGN_COLUMNS}`,
        [orgId, key, body.name, body.objective ?? null, range.startsOn, range.endsOn, found.id, body.year],
      );
      const created = rows[0];
      if (!created) throw new Error('INSERT … RETURNING gave no row');
      return created;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new PlanningError('campaign_key_taken', `A campaign with key "${key}" already exists; send another key`, {
          field: 'key',
        });
      }
      throw error;
    }
  }

  /** Today in the organisation's time zone: "upcoming" starts on the org's own date. */
  private async today(orgId: string): Promise<string> {
    const settings = await readOrgSettings(this.dataSource, orgId);
    return todayIn(settings?.timeZone ?? 'UTC');
  }

  private async campaign(orgId: string, campaignId: string): Promise<LinkedCampaign> {
    if (!UUID.test(campaignId)) throw campaignNotFound(campaignId);
    const rows: LinkedCampaign[] = await this.dataSource.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM "campaigns" WHERE "org_id" = $1 AND "id" = $2`,
      [orgId, campaignId],
    );
    const campaign = rows[0];
    if (!campaign) throw campaignNotFound(campaignId);
    return campaign;
  }

  /** The occurrence nearest the campaign's window; without a window, the next one not yet over. */
  private defaultYear(
    o: StoredObservance,
    resolve: ObservanceRefResolver,
    campaign: LinkedCampaign,
    today: string,
  ): number {
    const anchor = campaign.startsOn ?? campaign.endsOn;
    if (!anchor) {
      const year = Number(today.slice(0, 4));
      const range = this.occurrence(o, year, resolve);
      return range && range.endsOn < today ? year + 1 : year;
    }
    const window = { startsOn: anchor, endsOn: campaign.endsOn ?? anchor };
    const base = Number(anchor.slice(0, 4));
    let best = base;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const year of [base - 1, base, base + 1]) {
      const range = this.occurrence(o, year, resolve);
      if (!range) continue;
      const gap = gapDays(range, window);
      if (gap < bestGap) {
        best = year;
        bestGap = gap;
      }
    }
    return best;
  }
}

function byDates(a: ObservanceOccurrence, b: ObservanceOccurrence): number {
  return compare(a.startsOn, b.startsOn) || compare(a.endsOn, b.endsOn) || compare(a.slug, b.slug);
}

// Code-unit order: 'YYYY-MM-DD' sorts chronologically whatever the locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
