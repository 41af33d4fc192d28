import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PlanningModule } from '../planning/planning.module.js';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsService } from './annotations.service.js';

@Module({
  imports: [AuditModule, PlanningModule],
  controllers: [AnnotationsController],
  providers: [AnnotationsService],
  exports: [AnnotationsService],
})
export class AnnotationsModule {}
