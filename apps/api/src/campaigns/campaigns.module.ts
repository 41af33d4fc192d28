import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';
import { CreativesController } from './creatives.controller.js';
import { CreativesService } from './creatives.service.js';

@Module({
  imports: [AuditModule],
  controllers: [CampaignsController, CreativesController],
  providers: [CampaignsService, CreativesService],
  exports: [CampaignsService, CreativesService],
})
export class CampaignsModule {}
