/**
 * Worker-thread entry: parses and validates batches of events (NDJSON lines, JSON bodies), hashes their
 * member ids and lays them out for the writer's COPY (EventBatch), so that this JavaScript — most of an event's cost in the api —
 * runs beside the thread that reads requests and talks to the database instead of on it. A batch whose
 * campaigns and creatives the request already knows is prepared in one step; another is kept here
 * between its two steps (parse, then finish once the api's thread has resolved its keys). The
 * organisation's member key comes with each batch and is not kept.
 */
import { parentPort } from 'node:worker_threads';
import { eventCopyBuffers } from '../warehouse/events/event-copy.js';
import { BodyRefused, parseBatch, type EventBatch, type PreparedBatch } from './event-batch.js';
import type { IngestThreadReply, IngestThreadRequest } from './ingest-thread-protocol.js';

function main(port: NonNullable<typeof parentPort>): void {
  const parsed = new Map<number, EventBatch>();
  const reply = (message: IngestThreadReply): void => port.postMessage(message);
  // A prepared batch's COPY bytes are moved to the api's thread, not copied.
  const replyPrepared = (id: number, prepared: PreparedBatch): void =>
    port.postMessage(
      { id, prepared } satisfies IngestThreadReply,
      prepared.copy ? eventCopyBuffers(prepared.copy) : [],
    );
  port.on('message', (request: IngestThreadRequest) => {
    if (request.kind === 'close') {
      port.close();
      return;
    }
    if (request.kind === 'drop') {
      parsed.delete(request.id);
      return;
    }
    try {
      if (request.kind === 'parse') {
        const { batch, prepared } = parseBatch(request.source, request);
        if (prepared) {
          replyPrepared(request.id, prepared);
        } else {
          parsed.set(request.id, batch);
          reply({ id: request.id, needs: batch.needs });
        }
      } else {
        const batch = parsed.get(request.id);
        if (!batch) throw new Error(`batch ${request.id} is not held by this ingest thread`);
        parsed.delete(request.id);
        replyPrepared(request.id, batch.finish(request.ids, request.owner));
      }
    } catch (error) {
      parsed.delete(request.id);
      if (error instanceof BodyRefused) {
        reply({ id: request.id, refused: error.refusal });
        return;
      }
      const e = error as { message?: unknown; stack?: unknown };
      reply({
        id: request.id,
        error: { message: String(e.message ?? error), ...(typeof e.stack === 'string' ? { stack: e.stack } : {}) },
      });
    }
  });
}

if (parentPort) main(parentPort);
