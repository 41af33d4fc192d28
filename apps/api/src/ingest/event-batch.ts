import { INGEST_JSON_MAX_EVENTS, type IngestRowError, type Platform } from '@resonance/contracts';
import { EventCopyBuilder, type EventCopy } from '../warehouse/events/event-writer.js';
import { validateEvent, type ValidEvent } from './event-validator.js';
import { MemberHasher } from './member-key.js';

/** Errors listed in an answer; the rest are counted in `errorsTruncated`. */
export const MAX_LISTED_ERRORS = 100;

/** What validation needs to know besides the rows: the retention window (see validateEvent). */
export interface BatchWindow {
  oldestAcceptedMs: number;
  retentionDays: number;
}

/** A campaign and creative the batch names (with the platform, for registering a new creative). */
export interface CatalogNeed {
  campaign: string;
  creative: string;
  platform: Platform;
}

/** The ids of a batch's needs: campaign key → id (null: unknown), `campaign\0creative` keys → creative id. */
export interface CatalogIds {
  campaigns: Map<string, string | null>;
  creatives: Map<string, string>;
}

export const creativeNeedKey = (campaign: string, creative: string): string => `${campaign}\u0000${creative}`;

/**
 * A batch's text: NDJSON lines joined by `\n` (a line holds none) with their line numbers, or a JSON
 * body's bytes (UTF-8).
 */
export type BatchSource = { lines: string; indexes: Int32Array } | { json: Uint8Array };

/** What a batch is parsed with: the retention window and, to prepare it in one step, what is known. */
export interface BatchContext {
  window: BatchWindow;
  /** The ids the request has resolved so far, or null to always resolve first. */
  known: CatalogIds | null;
  owner: BatchOwner | null;
}

/** A batch's rows parsed (NDJSON lines, or a JSON body's events) and validated. */
export function batchOf(source: BatchSource, window: BatchWindow): EventBatch {
  if ('lines' in source) return EventBatch.ofLines(source.lines.split('\n'), source.indexes, window);
  const bytes = source.json;
  return EventBatch.ofValues(
    eventsOfJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')),
    window,
  );
}

/**
 * A batch parsed and validated; prepared at once when `context.known` resolves every key it names (and
 * who it is for is given), else left for the caller to resolve its `needs` and finish it.
 */
export function parseBatch(
  source: BatchSource,
  context: BatchContext,
): { batch: EventBatch; prepared: PreparedBatch | null } {
  const batch = batchOf(source, context.window);
  const { known, owner } = context;
  const prepared = known && owner && batch.resolvedBy(known) ? batch.finish(known, owner) : null;
  return { batch, prepared };
}

/** A JSON body refused whole: not JSON, not a list of events, or too many of them. */
export interface BodyRefusal {
  code: 'malformed_json' | 'invalid_body' | 'too_many_events';
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown where a body is refused whole (the api answers it as an IngestError). */
export class BodyRefused extends Error {
  constructor(readonly refusal: BodyRefusal) {
    super(refusal.message);
  }
}

/** A JSON ingest body's events: an array of events or `{ "events": [...] }`, at most INGEST_JSON_MAX_EVENTS. */
export function eventsOfJson(text: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BodyRefused({
      code: 'malformed_json',
      message: `Request body is not valid JSON: ${(error as Error).message}`,
    });
  }
  let list: unknown[] | null = null;
  if (Array.isArray(body)) list = body;
  else if (typeof body === 'object' && body !== null) {
    const events = (body as { events?: unknown }).events;
    if (Object.keys(body).length === 1 && Array.isArray(events)) list = events;
  }
  if (list === null) {
    throw new BodyRefused({
      code: 'invalid_body',
      message: 'The body must be a JSON array of events or an object { "events": [...] } and nothing else',
    });
  }
  if (list.length > INGEST_JSON_MAX_EVENTS) {
    throw new BodyRefused({
      code: 'too_many_events',
      message: `At most ${INGEST_JSON_MAX_EVENTS.toLocaleString('en')} events per JSON request (got ${list.length.toLocaleString('en')}): split the batch, or stream any number as application/x-ndjson`,
      details: { limit: INGEST_JSON_MAX_EVENTS, received: list.length },
    });
  }
  return list;
}

/** A batch's refused rows: how many, and their first errors (at most MAX_LISTED_ERRORS). */
export interface BatchErrors {
  rejectedRows: number;
  listed: IngestRowError[];
  truncated: number;
}

/** A batch ready to store: its events in COPY's format (null when none is left) and its refused rows. */
export interface PreparedBatch {
  /** Accepted rows (repeats within the batch included: they count as duplicates). */
  events: number;
  copy: EventCopy | null;
  errors: BatchErrors;
}

/** Who the batch is for: the organisation, its time zone (events' days) and member key; the import, if any. */
export interface BatchOwner {
  orgId: string;
  timeZone: string;
  memberKeySecret: Uint8Array;
  importId: string | null;
}

/** Time offsets are whole quarter hours, and zones change them on a quarter hour (since 1970). */
const QUARTER_HOUR_MS = 15 * 60_000;
/** Quarter hours remembered per time zone (a year is 35,040); past this a zone's memo starts over. */
const QUARTERS_KEPT = 100_000;
const zones = new Map<string, { format: Intl.DateTimeFormat; days: Map<number, string> }>();

/**
 * The organisation-local calendar day of instants, as PostgreSQL's `(occurred_at AT TIME ZONE tz)::date`
 * gives it (the same IANA database; compared in ingest.integration-spec), each quarter hour formatted
 * once per thread: formatting costs microseconds, and a batch's events fall in a few thousand quarters.
 */
export class LocalDays {
  private readonly format: Intl.DateTimeFormat;
  private readonly days: Map<number, string>;

  constructor(timeZone: string) {
    let zone = zones.get(timeZone);
    if (!zone) {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      zone = { format, days: new Map() };
      zones.set(timeZone, zone);
    }
    this.format = zone.format;
    this.days = zone.days;
  }

  /** `instantMs`'s day, YYYY-MM-DD. */
  of(instantMs: number): string {
    const quarter = Math.floor(instantMs / QUARTER_HOUR_MS);
    let day = this.days.get(quarter);
    if (day === undefined) {
      const parts = this.format.formatToParts(quarter * QUARTER_HOUR_MS);
      const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
      day = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
      if (this.days.size >= QUARTERS_KEPT) this.days.clear();
      this.days.set(quarter, day);
    }
    return day;
  }
}

/**
 * One batch of wire events on its way to the writer: parsed (NDJSON lines or a JSON body), validated,
 * then — once the caller has resolved the campaign and creative keys it names
 * (`needs`, by database, CatalogResolver) — narrowed to the rows whose keys resolved, member ids
 * hashed under the organisation's key, and laid out as the writer's COPY text. The same code runs on the
 * ingest threads (ingest-thread.ts) and, where there are none, on the api's.
 */
export class EventBatch {
  private readonly rows: { index: number; event: ValidEvent }[] = [];
  readonly errors: BatchErrors = { rejectedRows: 0, listed: [], truncated: 0 };
  /** Per row, its campaign's and creative's ids under `resolvedWith` (resolve). */
  private campaignIds: (string | null | undefined)[] = [];
  private creativeIds: (string | undefined)[] = [];
  private resolvedWith: CatalogIds | null = null;

  private constructor() {}

  /** NDJSON lines (`indexes[i]` is line i's number): each parsed as one JSON value, then validated. */
  static ofLines(lines: readonly string[], indexes: ArrayLike<number>, window: BatchWindow): EventBatch {
    const batch = new EventBatch();
    for (let i = 0; i < lines.length; i++) {
      const index = indexes[i] as number;
      let raw: unknown;
      try {
        raw = JSON.parse(lines[i] as string);
      } catch (error) {
        batch.reject(index, [{ field: null, message: `line ${index} is not valid JSON: ${(error as Error).message}` }]);
        continue;
      }
      batch.add(index, raw, window);
    }
    return batch;
  }

  /** A JSON body's events (indexes from 0), validated. */
  static ofValues(values: readonly unknown[], window: BatchWindow): EventBatch {
    const batch = new EventBatch();
    for (let i = 0; i < values.length; i++) batch.add(i, values[i], window);
    return batch;
  }

  /** Whether `ids` resolves every key the valid rows name (an unknown campaign counts as resolved: refused). */
  resolvedBy(ids: CatalogIds): boolean {
    this.resolve(ids);
    for (let i = 0; i < this.rows.length; i++) {
      const campaignId = this.campaignIds[i];
      if (campaignId === undefined || (campaignId !== null && this.creativeIds[i] === undefined)) return false;
    }
    return true;
  }

  /** Looks each row's keys up in `ids` (once per `ids`). */
  private resolve(ids: CatalogIds): void {
    if (this.resolvedWith === ids) return;
    this.resolvedWith = ids;
    const n = this.rows.length;
    this.campaignIds = new Array<string | null | undefined>(n);
    this.creativeIds = new Array<string | undefined>(n);
    for (let i = 0; i < n; i++) {
      const { event } = this.rows[i] as { event: ValidEvent };
      const campaignId = ids.campaigns.get(event.campaign);
      this.campaignIds[i] = campaignId;
      this.creativeIds[i] = campaignId ? ids.creatives.get(creativeNeedKey(event.campaign, event.creative)) : undefined;
    }
  }

  /** The campaigns and creatives the valid rows name, each once. */
  get needs(): CatalogNeed[] {
    const seen = new Map<string, CatalogNeed>();
    for (const { event } of this.rows) {
      const key = creativeNeedKey(event.campaign, event.creative);
      if (!seen.has(key))
        seen.set(key, { campaign: event.campaign, creative: event.creative, platform: event.platform });
    }
    return [...seen.values()];
  }

  /**
   * The rows whose campaign and creative resolved, in COPY's format for the writer (writeEventCopy);
   * the others are refused (an unknown campaign must be created first).
   */
  finish(ids: CatalogIds, owner: BatchOwner): PreparedBatch {
    this.resolve(ids);
    const members = new MemberHasher(Buffer.from(owner.memberKeySecret));
    const days = new LocalDays(owner.timeZone);
    const copy = new EventCopyBuilder(owner.orgId);
    let events = 0;
    for (let i = 0; i < this.rows.length; i++) {
      const { index, event } = this.rows[i] as { index: number; event: ValidEvent };
      const campaignId = this.campaignIds[i];
      if (!campaignId) {
        this.reject(index, [{ field: 'campaign', message: `unknown campaign '${event.campaign}' — create it first` }]);
        continue;
      }
      const creativeId = this.creativeIds[i];
      if (!creativeId) {
        this.reject(index, [
          { field: 'creative', message: `creative '${event.creative}' could not be registered; retry` },
        ]);
        continue;
      }
      events += 1;
      const memberHash = event.memberId === null ? null : members.hash(event.memberId);
      copy.add(event, days.of(event.instantMs), campaignId, creativeId, memberHash, owner.importId);
    }
    this.rows.length = 0;
    return { events, copy: events > 0 ? copy.build() : null, errors: this.errors };
  }

  private add(index: number, raw: unknown, window: BatchWindow): void {
    const result = validateEvent(raw, window);
    if ('event' in result) this.rows.push({ index, event: result.event });
    else this.reject(index, result.errors);
  }

  private reject(index: number, errors: readonly { field: string | null; message: string }[]): void {
    this.errors.rejectedRows += 1;
    for (const { field, message } of errors) {
      if (this.errors.listed.length < MAX_LISTED_ERRORS) this.errors.listed.push({ index, field, message });
      else this.errors.truncated += 1;
    }
  }
}
