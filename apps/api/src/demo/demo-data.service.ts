import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { DemoSeedRegistry, type DemoSeeder } from '../bootstrap/demo-seeders.js';
import { loadDemoData, type DemoDataSummary, type GenerateDemoOptions } from './demo-loader.js';

/** Concurrent writers for large runs; each writes whole days, one transaction per chunk. */
const WRITERS = 4;

/** The demo story generator, and first run's demo data (registered as a demo seeder). */
@Injectable()
export class DemoDataService implements DemoSeeder, OnModuleInit {
  readonly name = 'campaigns, creatives and two years of engagement events';
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: DemoSeedRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** First run: the small demo, inside the transaction that creates the demo organisation. */
  async seed(params: { orgId: string; manager: EntityManager }): Promise<void> {
    const client = (await params.manager.queryRunner?.connect()) as PoolClient | undefined;
    if (!client) throw new Error('the demo seeder needs the first-run transaction');
    const summary = await loadDemoData({ kind: 'transaction', client }, { orgId: params.orgId });
    this.log(summary);
  }

  /** Generates about `events` events into an organisation, over several connections. */
  async generateDemoData(options: GenerateDemoOptions): Promise<DemoDataSummary> {
    const driver = this.dataSource.driver as PostgresDriver;
    const summary = await loadDemoData(
      {
        kind: 'pool',
        concurrency: WRITERS,
        acquire: async () => {
          const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
          return { client, release };
        },
      },
      options,
    );
    this.log(summary);
    return summary;
  }

  private log(s: DemoDataSummary): void {
    this.logger.log(
      `Demo data for ${s.orgId}: ${s.campaigns} campaigns, ${s.creatives} creatives, ${s.members} members, ` +
        `${s.eventsGenerated.toLocaleString('en-US')} events (${s.eventsInserted.toLocaleString('en-US')} new) in ${s.seconds} s ` +
        `(${s.eventsPerSecond.toLocaleString('en-US')} events/s)`,
    );
  }
}
