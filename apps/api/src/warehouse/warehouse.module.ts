import { Module } from '@nestjs/common';
import { CubeBuilder } from './cube/cube-builder.js';
import { CubeReader } from './cube/cube-reader.js';
import { EventPacker } from './events/event-packer.service.js';
import { AnalyticsReader } from './read/analytics-reader.js';
import { RetentionService } from './retention/retention.service.js';

/**
 * The stored event model: raw events (closed days packed), rollups, reach rows and the cube, with their writers,
 * readers and retention. Features (ingest, imports, analytics, planning, campaigns, the demo and
 * the benchmarks) write and read figures only through this module; it imports no feature.
 */
@Module({
  providers: [CubeBuilder, CubeReader, AnalyticsReader, RetentionService, EventPacker],
  exports: [CubeBuilder, AnalyticsReader, RetentionService, EventPacker],
})
export class WarehouseModule {}
