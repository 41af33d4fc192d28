import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AnnotationsModule } from '../annotations/annotations.module.js';
import { ExportsModule } from '../exports/exports.module.js';
import { SavedViewsModule } from '../saved-views/saved-views.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { DigestComposer } from './digest-composer.js';
import { DigestScheduler } from './digest-scheduler.js';
import { DigestsController } from './digests.controller.js';
import { DigestsService } from './digests.service.js';
import { Mailer } from './mailer.js';

@Module({
  imports: [AnalyticsModule, AnnotationsModule, ExportsModule, SavedViewsModule, SegmentsModule],
  controllers: [DigestsController],
  providers: [DigestComposer, DigestScheduler, DigestsService, Mailer],
  exports: [DigestScheduler],
})
export class DigestsModule {}
