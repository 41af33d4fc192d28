import { INGEST_JSON_MAX_EVENTS, type IngestRowError, type Platform } from '@resonance/contracts';
import { EventCopyBuilder, type EventCopy } from '../warehouse/events/event-copy.js';
import { validateEvent, type ValidEvent } from './event-validator.js';
import { MemberHasher } from './member-key.js';
import { forEachNdjsonLine, utf8Text } from './ndjson-lines.js';

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
 * A batch's bytes (UTF-8): whole NDJSON lines numbered from `firstLine` (NdjsonChunker), or a JSON body.
 */
export type BatchSource = { ndjson: Uint8Array; firstLine: number } | { json: Uint8Array };

/** What a batch is parsed with: the retention window and, to prepare it in one step, what is known. */
export interface BatchContext {
  window: BatchWindow;
  /** The ids the request has resolved so far, or null to always resolve first. */
  known: CatalogIds | null;
  owner: BatchOwner | null;
}

/**
 * A batch's rows parsed (NDJSON lines, or a JSON body's events) and validated, and — while `context.known`
 * resolves the keys they name and who the batch is for is given — laid out as they come.
 */
export function batchOf(source: BatchSource, context: BatchContext): EventBatch {
  if ('ndjson' in source) return EventBatch.ofNdjson(source.ndjson, source.firstLine, context);
  return EventBatch.ofValues(eventsOfJson(utf8Text(source.json)), context);
}

/**
 * A batch parsed and validated; prepared at once when `context.known` resolves every key it names (and
 * who it is for is given), else left for the caller to resolve its `needs` and finish it.
 */
export function parseBatch(
  source: BatchSource,
  context: BatchContext,
): { batch: EventBatch; prepared: PreparedBatch | null } {
  const batch = batchOf(source, context);
  return { batch, prepared: batch.prepared() };
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

/** A batch ready to store: its events as binary COPY rows (null when none is left) and its refused rows. */
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

/** Lays a batch's rows out for the writer: member ids hashed, local days, binary COPY rows. */
class Layout {
  private readonly members: MemberHasher;
  private readonly days: LocalDays;
  readonly copy: EventCopyBuilder;
  private readonly importId: string | null;
  /** Rows laid out (repeats within the batch included). */
  events = 0;

  constructor(owner: BatchOwner) {
    this.members = new MemberHasher(Buffer.from(owner.memberKeySecret));
    this.days = new LocalDays(owner.timeZone);
    this.copy = new EventCopyBuilder(owner.orgId);
    this.importId = owner.importId;
  }

  add(event: ValidEvent, campaignId: string, creativeId: string): void {
    this.events += 1;
    const day = this.days.of(event.instantMs);
    this.copy.addHashed(
      event,
      event.instantMs,
      day,
      campaignId,
      creativeId,
      this.members,
      event.memberId,
      this.importId,
    );
  }
}

/**
 * One batch of wire events on its way to the writer: parsed (NDJSON lines or a JSON body), validated,
 * narrowed to the rows whose campaign and creative keys resolve to ids, member ids hashed under the
 * organisation's key, and laid out as the writer's binary COPY rows. The same code runs on the ingest threads
 * (ingest-thread.ts) and, where there are none, on the api's.
 *
 * Rows are laid out as they are read while the ids the caller already knows (`BatchContext.known`)
 * resolve their keys, so a row's objects die young: the garbage collector copies what is alive, and a
 * batch held whole until its end was most of the ingest threads' collection work. From the first row
 * whose keys are not known, the rows are held instead (so the first of two rows with one id still counts),
 * and the caller resolves their keys (`needs`, by database, CatalogResolver) and finishes the batch.
 */
export class EventBatch {
  readonly errors: BatchErrors = { rejectedRows: 0, listed: [], truncated: 0 };
  /** Rows waiting for their keys: every valid row from the first one `known` did not resolve. */
  private held: { index: number; event: ValidEvent }[] = [];
  private layout: Layout | null;

  private constructor(private readonly context: BatchContext) {
    this.layout = context.known && context.owner ? new Layout(context.owner) : null;
  }

  /** NDJSON lines numbered from `firstLine` (blank ones skipped): each parsed as one JSON value, then validated. */
  static ofNdjson(bytes: Uint8Array, firstLine: number, context: BatchContext): EventBatch {
    const batch = new EventBatch(context);
    forEachNdjsonLine(bytes, firstLine, (line, index) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        batch.reject(index, [{ field: null, message: `line ${index} is not valid JSON: ${(error as Error).message}` }]);
        return;
      }
      batch.add(index, raw);
    });
    return batch;
  }

  /** A JSON body's events (indexes from 0), validated; each is let go of in `values` once taken. */
  static ofValues(values: unknown[], context: BatchContext): EventBatch {
    const batch = new EventBatch(context);
    for (let i = 0; i < values.length; i++) {
      const raw = values[i];
      values[i] = undefined;
      batch.add(i, raw);
    }
    return batch;
  }

  /** The batch ready to store, when every valid row was laid out as it was read; else null (`needs`, `finish`). */
  prepared(): PreparedBatch | null {
    return this.layout && this.held.length === 0 ? this.result(this.layout) : null;
  }

  /** The campaigns and creatives the held rows name, each once. */
  get needs(): CatalogNeed[] {
    const seen = new Map<string, CatalogNeed>();
    for (const { event } of this.held) {
      const key = creativeNeedKey(event.campaign, event.creative);
      if (!seen.has(key))
        seen.set(key, { campaign: event.campaign, creative: event.creative, platform: event.platform });
    }
    return [...seen.values()];
  }

  /**
   * The batch ready to store: the held rows whose campaign and creative `ids` resolves laid out after
   * the rest; the others are refused (an unknown campaign must be created first).
   */
  finish(ids: CatalogIds, owner: BatchOwner): PreparedBatch {
    const layout = (this.layout ??= new Layout(owner));
    for (const { index, event } of this.held) {
      const campaignId = ids.campaigns.get(event.campaign);
      const creativeId = campaignId ? ids.creatives.get(creativeNeedKey(event.campaign, event.creative)) : undefined;
      if (!campaignId) this.rejectUnknownCampaign(index, event);
      else if (!creativeId) {
        this.reject(index, [
          { field: 'creative', message: `creative '${event.creative}' could not be registered; retry` },
        ]);
      } else layout.add(event, campaignId, creativeId);
    }
    this.held = [];
    return this.result(layout);
  }

  private result(layout: Layout): PreparedBatch {
    return { events: layout.events, copy: layout.events > 0 ? layout.copy.build() : null, errors: this.errors };
  }

  private add(index: number, raw: unknown): void {
    const result = validateEvent(raw, this.context.window);
    if (!('event' in result)) {
      this.reject(index, result.errors);
      return;
    }
    const { event } = result;
    const { known } = this.context;
    if (this.held.length === 0 && this.layout && known) {
      const campaignId = known.campaigns.get(event.campaign);
      if (campaignId === null) {
        this.rejectUnknownCampaign(index, event);
        return;
      }
      const creativeId =
        campaignId === undefined ? undefined : known.creatives.get(creativeNeedKey(event.campaign, event.creative));
      if (campaignId !== undefined && creativeId !== undefined) {
        this.layout.add(event, campaignId, creativeId);
        return;
      }
    }
    this.held.push({ index, event });
  }

  private rejectUnknownCampaign(index: number, event: ValidEvent): void {
    this.reject(index, [{ field: 'campaign', message: `unknown campaign '${event.campaign}' — create it first` }]);
  }

  private reject(index: number, errors: readonly { field: string | null; message: string }[]): void {
    this.errors.rejectedRows += 1;
    for (const { field, message } of errors) {
      if (this.errors.listed.length < MAX_LISTED_ERRORS) this.errors.listed.push({ index, field, message });
      else this.errors.truncated += 1;
    }
  }
}
