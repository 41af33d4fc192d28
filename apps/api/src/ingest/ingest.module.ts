import type { Server } from 'node:http';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';

@Module({
  controllers: [IngestController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * An NDJSON stream may take many minutes: Node's whole-request deadline (requestTimeout,
   * 5 minutes) would cut it and lose the unacknowledged tail. Slow headers stay guarded by
   * headersTimeout; a stalled ingest stream is cut by the idle timeout the route sets.
   */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) server.requestTimeout = 0;
  }
}
