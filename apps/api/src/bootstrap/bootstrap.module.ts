import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { FirstRunService } from './first-run.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity])],
  providers: [FirstRunService],
  exports: [FirstRunService],
})
export class BootstrapModule {}
