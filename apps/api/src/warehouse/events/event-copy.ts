import type { StoredEvent } from './event-writer.js';

/**
 * Ingest's batches in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"): each value as its length and the bytes PostgreSQL stores — a uuid's 16 bytes, an
 * instant's microseconds, a day's number — so the database parses nothing. Against the text format it
 * cost PostgreSQL about 1.2 µs less an event (a fifth of a raw COPY's work) and sends 15% fewer bytes
 * (docs/scaling.md, eighteenth session).
 */

/** One accepted event with its organisation-local day (see EventCopy). */
export interface DayEvent extends StoredEvent {
  day: string;
}

/** The columns of `events` in the order every row gives them: the day's mark version last (EventCopy). */
export const COPY_COLUMNS =
  'org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash, age_band, gender, region, language, count, import_id, version';
const FIELDS = 16;

/** The binary format's header (signature, flags, no extension) and trailer (a field count of -1). */
export const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Each row ends in its day's mark version: an 8-byte bigint after its 4-byte length, filled by writeEventCopy. */
export const VERSION_SLOT_BYTES = 8;

/**
 * A batch of events as binary COPY rows (no header or trailer): the days ascending, each day's rows in
 * batch order, repeats within the batch dropped (the first one counts). Every row ends in a version slot
 * (VERSION_SLOT_BYTES), where writeEventCopy writes the version of the day's mark. Bytes, so a batch
 * prepared on an ingest thread crosses to the api's thread without a copy (transferred) and is written
 * to the database as it is.
 *
 * The rows need no order of their own: writeEventCopy marks the batch's days first, days ascending, and
 * a mark's row lock is held to commit, so two writers that share a day run one after the other, and two
 * that share none share no event either (an event's day follows from its instant; an id resent with
 * another instant is another day's row, which no row order keeps apart). Sorting the rows cost the
 * ingest thread more than half a microsecond an event (docs/scaling.md).
 */
export interface EventCopy {
  /** Rows in the data (after repeats were dropped). */
  rows: number;
  data: Uint8Array;
  /** Where each row ends: the byte offset just past it in `data` (its version slot is the 8 bytes before). */
  rowEnds: Int32Array;
  /** The days, ascending, with how many of the rows (in order) each has. */
  days: { day: string; rows: number }[];
}

/** The buffers an EventCopy is made of (a worker's postMessage transfer list). */
export const eventCopyBuffers = (copy: EventCopy): ArrayBuffer[] => [
  copy.data.buffer as ArrayBuffer,
  copy.rowEnds.buffer as ArrayBuffer,
];

/** What an event row holds besides its ids, day and member (StoredEvent's fields of those names). */
export type EventFacts = Pick<
  StoredEvent,
  'eventId' | 'occurredAt' | 'platform' | 'type' | 'ageBand' | 'gender' | 'region' | 'language' | 'count'
>;

/** Member hashes written in place (ingest's MemberHasher): the 8 bytes of `memberId`'s at `offset`. */
export interface MemberHashes {
  writeHash(memberId: string, target: Buffer, offset: number): void;
}

/** PostgreSQL's epoch for timestamps and dates, 2000-01-01, in Unix milliseconds. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;

/** `x` rounded to the nearest whole number, halves to the even one: C's rint, as PostgreSQL rounds. */
function rint(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * An ISO-8601 instant (validated: `instantMs` is Date.parse's reading of it) in microseconds since the
 * Unix epoch, as PostgreSQL reads it: Date.parse keeps milliseconds (it drops further digits), and
 * PostgreSQL rounds a fraction of a second to microseconds as `rint(fraction × 10⁶)` (datetime.c,
 * ParseFractionalSecond) — compared with PostgreSQL's own reading in event-writer.integration-spec.
 */
export function instantMicros(occurredAt: string, instantMs: number): number {
  const dot = occurredAt.indexOf('.');
  if (dot === -1) return instantMs * 1000;
  let end = dot + 1;
  while (end < occurredAt.length && occurredAt.charCodeAt(end) >= 48 && occurredAt.charCodeAt(end) <= 57) end++;
  if (end - dot - 1 <= 3) return instantMs * 1000;
  const fraction = Number(`0.${occurredAt.slice(dot + 1, end)}`);
  return Math.floor(instantMs / 1000) * 1_000_000 + rint(fraction * 1_000_000);
}

/** A uuid's 16 bytes, after its length. */
function uuidField(uuid: string): Buffer {
  const field = Buffer.allocUnsafe(20);
  field.writeInt32BE(16, 0);
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`binary COPY: '${uuid}' is not a uuid`);
  field.write(hex, 4, 'hex');
  return field;
}

/** A short text's UTF-8 bytes after their length. */
function textField(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const field = Buffer.allocUnsafe(4 + bytes.length);
  field.writeInt32BE(bytes.length, 0);
  bytes.copy(field, 4);
  return field;
}

/** Encoded fields remembered per builder (ids and the few values of the coded columns), at most this many. */
const FIELDS_KEPT = 4096;

/** `value`'s field from `kept`, else encoded (and kept while there are fewer than FIELDS_KEPT). */
function remembered(kept: Map<string, Buffer>, value: string, encode: (value: string) => Buffer): Buffer {
  let field = kept.get(value);
  if (field === undefined) {
    field = encode(value);
    if (kept.size < FIELDS_KEPT) kept.set(value, field);
  }
  return field;
}

/** A day's first buffer; it doubles as it fills. */
const DAY_BUFFER_BYTES = 1 << 16;
/** Day buffers kept for the next batch on this thread, at most this many bytes of them. */
const KEPT_BUFFER_BYTES = 16 << 20;

/**
 * Day buffers reused from batch to batch on a thread (a module is one per thread). Allocated afresh, a
 * 64 KiB buffer a day and a batch, doubled as it filled, they came to tens of MB a second outside the
 * heap, and V8 answers that growth with full collections: two a second on the ingest thread and its
 * helpers' marking with them (docs/scaling.md, sixteenth session).
 */
const keptBuffers: Buffer[] = [];
let keptBytes = 0;

function takeBuffer(minBytes: number): Buffer {
  for (let i = keptBuffers.length - 1; i >= 0; i--) {
    const buffer = keptBuffers[i] as Buffer;
    if (buffer.length >= minBytes) {
      keptBuffers.splice(i, 1);
      keptBytes -= buffer.length;
      return buffer;
    }
  }
  return Buffer.allocUnsafe(Math.max(minBytes, DAY_BUFFER_BYTES));
}

function keepBuffer(buffer: Buffer): void {
  if (keptBytes + buffer.length > KEPT_BUFFER_BYTES) return;
  keptBuffers.push(buffer);
  keptBytes += buffer.length;
}

const EMPTY = Buffer.alloc(0);

/** One day's rows, written straight into bytes as they come. */
class DayRows {
  bytes = takeBuffer(DAY_BUFFER_BYTES);
  length = 0;
  /** Each row's end, from the start of this day's bytes. */
  readonly ends: number[] = [];
  /** The day's field: days since 2000-01-01 after its length. */
  readonly dayField: Buffer;

  constructor(day: string) {
    const ms = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(ms)) throw new Error(`binary COPY: '${day}' is not a day`);
    this.dayField = Buffer.allocUnsafe(8);
    this.dayField.writeInt32BE(4, 0);
    this.dayField.writeInt32BE(Math.round((ms - PG_EPOCH_MS) / DAY_MS), 4);
  }

  /** Room for `bytes` more. */
  ensure(bytes: number): Buffer {
    const needed = this.length + bytes;
    if (needed > this.bytes.length) {
      const grown = takeBuffer(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      keepBuffer(this.bytes);
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** Its bytes go back for another day's rows (they have been copied out). */
  release(): void {
    keepBuffer(this.bytes);
    this.bytes = EMPTY;
    this.length = 0;
  }
}

/** Builds an EventCopy event by event (ingest's batches: no object per event beyond what is remembered). */
export class EventCopyBuilder {
  private readonly days = new Map<string, DayRows>();
  private readonly seen = new Set<string>();
  private readonly uuids = new Map<string, Buffer>();
  private readonly texts = new Map<string, Buffer>();
  private readonly org: Buffer;

  constructor(orgId: string) {
    this.org = uuidField(orgId);
  }

  /**
   * Adds an event with its member's hash in decimal (StoredEvent's), unless one with its id was added
   * before (the first in the batch counts, as writeEvents).
   */
  add(
    e: EventFacts,
    day: string,
    campaignId: string,
    creativeId: string,
    memberHash: string | null,
    importId: string | null,
  ): void {
    this.put(e, Date.parse(e.occurredAt), day, campaignId, creativeId, importId, memberHash, null, null);
  }

  /** Adds an event (as `add`) whose member id `members` hashes into the row; `instantMs` is its instant. */
  addHashed(
    e: EventFacts,
    instantMs: number,
    day: string,
    campaignId: string,
    creativeId: string,
    members: MemberHashes,
    memberId: string | null,
    importId: string | null,
  ): void {
    this.put(e, instantMs, day, campaignId, creativeId, importId, null, members, memberId);
  }

  get rows(): number {
    return this.seen.size;
  }

  private uuid(value: string): Buffer {
    return remembered(this.uuids, value, uuidField);
  }

  private text(value: string): Buffer {
    return remembered(this.texts, value, textField);
  }

  private put(
    e: EventFacts,
    instantMs: number,
    day: string,
    campaignId: string,
    creativeId: string,
    importId: string | null,
    memberHash: string | null,
    members: MemberHashes | null,
    memberId: string | null,
  ): void {
    if (this.seen.has(e.eventId)) return;
    this.seen.add(e.eventId);
    let rows = this.days.get(day);
    if (!rows) this.days.set(day, (rows = new DayRows(day)));
    const platform = this.text(e.platform);
    const type = this.text(e.type);
    const ageBand = this.text(e.ageBand);
    const gender = this.text(e.gender);
    const region = this.text(e.region);
    const language = this.text(e.language);
    const codedBytes = platform.length + type.length + ageBand.length + gender.length + region.length + language.length;
    // At most: the field count, four uuids, the id (3 bytes a UTF-16 unit), five fixed-width values with their lengths.
    const buffer = rows.ensure(2 + 4 * 20 + 4 + e.eventId.length * 3 + 5 * 12 + codedBytes);
    let o = rows.length;
    o = buffer.writeInt16BE(FIELDS, o);
    o += this.org.copy(buffer, o);
    const idBytes = buffer.write(e.eventId, o + 4, 'utf8');
    o = buffer.writeInt32BE(idBytes, o) + idBytes;
    const micros = instantMicros(e.occurredAt, instantMs) - PG_EPOCH_MS * 1000;
    const high = Math.floor(micros / TWO_32);
    o = buffer.writeInt32BE(8, o);
    o = buffer.writeInt32BE(high, o);
    o = buffer.writeUInt32BE(micros - high * TWO_32, o);
    o += rows.dayField.copy(buffer, o);
    o += this.uuid(campaignId).copy(buffer, o);
    o += this.uuid(creativeId).copy(buffer, o);
    o += platform.copy(buffer, o);
    o += type.copy(buffer, o);
    if (members && memberId !== null) {
      o = buffer.writeInt32BE(8, o);
      members.writeHash(memberId, buffer, o);
      o += 8;
    } else if (memberHash !== null) {
      o = buffer.writeInt32BE(8, o);
      o = buffer.writeBigInt64BE(BigInt(memberHash), o);
    } else {
      o = buffer.writeInt32BE(-1, o);
    }
    o += ageBand.copy(buffer, o);
    o += gender.copy(buffer, o);
    o += region.copy(buffer, o);
    o += language.copy(buffer, o);
    o = buffer.writeInt32BE(4, o);
    o = buffer.writeInt32BE(e.count, o);
    if (importId === null) o = buffer.writeInt32BE(-1, o);
    else o += this.uuid(importId).copy(buffer, o);
    o = buffer.writeInt32BE(VERSION_SLOT_BYTES, o);
    buffer.fill(0, o, o + VERSION_SLOT_BYTES);
    o += VERSION_SLOT_BYTES;
    rows.length = o;
    rows.ends.push(o);
  }

  /** Days ascending, a day's rows in the order they were added. */
  build(): EventCopy {
    const days = [...this.days.keys()].sort();
    const all = days.map((day) => this.days.get(day) as DayRows);
    const data = new Uint8Array(all.reduce((n, rows) => n + rows.length, 0));
    const rowEnds = new Int32Array(this.seen.size);
    let offset = 0;
    let row = 0;
    for (const rows of all) {
      data.set(rows.bytes.subarray(0, rows.length), offset);
      for (const end of rows.ends) rowEnds[row++] = offset + end;
      offset += rows.length;
      rows.release();
    }
    this.days.clear();
    return {
      rows: this.seen.size,
      data,
      rowEnds,
      days: days.map((day, i) => ({ day, rows: all[i]?.ends.length ?? 0 })),
    };
  }
}

export function eventCopy(orgId: string, events: readonly DayEvent[]): EventCopy {
  const builder = new EventCopyBuilder(orgId);
  for (const e of events) builder.add(e, e.day, e.campaignId, e.creativeId, e.memberHash, e.importId);
  return builder.build();
}

/** A row's values as text (null for NULL): uuids, ISO instants with microseconds, days, numbers in decimal. */
export type EventCopyRow = (string | null)[];

/** An EventCopy's rows per day, each decoded to its values in COPY_COLUMNS' order: for tests and diagnostics. */
export function eventCopyRows(copy: EventCopy): { day: string; rows: EventCopyRow[] }[] {
  const data = Buffer.from(copy.data.buffer, copy.data.byteOffset, copy.data.byteLength);
  const kinds = ['uuid', 'text', 'instant', 'day', 'uuid', 'uuid', 'text', 'text', 'int8', 'text', 'text', 'text'];
  kinds.push('text', 'int4', 'uuid', 'int8');
  const decoded: EventCopyRow[] = [];
  let o = 0;
  for (let row = 0; row < copy.rows; row++) {
    const fields = data.readInt16BE(o);
    if (fields !== FIELDS) throw new Error(`binary COPY: row ${row} has ${fields} fields`);
    o += 2;
    const values: EventCopyRow = [];
    for (const kind of kinds) {
      const length = data.readInt32BE(o);
      o += 4;
      if (length === -1) {
        values.push(null);
        continue;
      }
      const bytes = data.subarray(o, o + length);
      o += length;
      if (kind === 'text') values.push(bytes.toString('utf8'));
      else if (kind === 'uuid') {
        const hex = bytes.toString('hex');
        values.push(
          `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
        );
      } else if (kind === 'int8') values.push(bytes.readBigInt64BE(0).toString());
      else if (kind === 'int4') values.push(String(bytes.readInt32BE(0)));
      else if (kind === 'day')
        values.push(new Date(PG_EPOCH_MS + bytes.readInt32BE(0) * DAY_MS).toISOString().slice(0, 10));
      else {
        const micros = Number(bytes.readBigInt64BE(0)) + PG_EPOCH_MS * 1000;
        const iso = new Date(Math.floor(micros / 1000)).toISOString();
        values.push(`${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`);
      }
    }
    if (o !== copy.rowEnds[row]) throw new Error(`binary COPY: row ${row} ends at ${o}, not ${copy.rowEnds[row]}`);
    decoded.push(values);
  }
  let row = 0;
  return copy.days.map(({ day, rows }) => ({ day, rows: decoded.slice(row, (row += rows)) }));
}
