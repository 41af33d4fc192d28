import { Module } from '@nestjs/common';
import { SegmentsModule } from '../segments/segments.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { SegmentAudienceController } from './segment-audience.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { CreativeMatrixService } from './creative-matrix.service.js';
import { WarehouseModule } from '../warehouse/warehouse.module.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { InsightsService } from './insights.service.js';
import { SegmentReportService } from './segment-report.service.js';
import { ReportedPeriodsService } from './reported-periods.service.js';

/** Analytics routes. Services are exported so exports and benchmarks can call them directly. */
@Module({
  imports: [SegmentsModule, WarehouseModule],
  controllers: [AnalyticsController, SegmentAudienceController],
  providers: [
    AnalyticsScopeService,
    AnalyticsService,
    SegmentReportService,
    CreativeMatrixService,
    InsightsService,
    ReportedPeriodsService,
  ],
  exports: [
    AnalyticsScopeService,
    AnalyticsService,
    SegmentReportService,
    CreativeMatrixService,
    InsightsService,
    ReportedPeriodsService,
  ],
})
export class AnalyticsModule {}
