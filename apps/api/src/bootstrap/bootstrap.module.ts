import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DemoSeedRegistry } from './demo-seeders.js';
import { FirstRunService } from './first-run.service.js';

/** Global so any feature can inject DemoSeedRegistry to add demo data. */
@Global()
@Module({
  imports: [AccountsModule],
  providers: [FirstRunService, DemoSeedRegistry],
  exports: [FirstRunService, DemoSeedRegistry],
})
export class BootstrapModule {}
