import { Module } from '@nestjs/common';
import { SegmentsModule } from '../segments/segments.module.js';
import { AnalyticsController, SegmentAudienceController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { CreativeMatrixService } from './creative-matrix.service.js';
import { CubeBuilder } from './cube/cube-builder.js';
import { CubeReader } from './cube/cube-reader.js';
import { AnalyticsReader } from './engine/analytics-reader.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { InsightsService } from './insights.service.js';
import { SegmentReportService } from './segment-report.service.js';

/** Analytics routes. Services are exported so exports and benchmarks can call them directly. */
@Module({
  imports: [SegmentsModule],
  controllers: [AnalyticsController, SegmentAudienceController],
  providers: [
    CubeBuilder,
    CubeReader,
    AnalyticsReader,
    AnalyticsScopeService,
    AnalyticsService,
    SegmentReportService,
    CreativeMatrixService,
    InsightsService,
  ],
  exports: [
    CubeBuilder,
    AnalyticsReader,
    AnalyticsScopeService,
    AnalyticsService,
    SegmentReportService,
    CreativeMatrixService,
    InsightsService,
  ],
})
export class AnalyticsModule {}
