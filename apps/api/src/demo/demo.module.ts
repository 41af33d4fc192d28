import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';

/** The demo story generator; registers itself with first run's demo seeders. */
@Module({ providers: [DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
