import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ImportUploadInterceptor } from './import-upload.interceptor.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [AuditModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportUploadInterceptor],
})
export class ImportsModule {}
