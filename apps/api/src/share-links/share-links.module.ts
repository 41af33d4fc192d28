import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AnnotationsModule } from '../annotations/annotations.module.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { SavedViewsModule } from '../saved-views/saved-views.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { SharedViewController, ShareLinksController } from './share-links.controller.js';
import { SharedAnalyticsService } from './shared-analytics.service.js';
import { ShareLinksService } from './share-links.service.js';

@Module({
  imports: [AccountsModule, AnalyticsModule, AnnotationsModule, AuditModule, SavedViewsModule, SegmentsModule],
  controllers: [ShareLinksController, SharedViewController],
  providers: [ShareLinksService, SharedAnalyticsService],
  exports: [ShareLinksService],
})
export class ShareLinksModule {}
