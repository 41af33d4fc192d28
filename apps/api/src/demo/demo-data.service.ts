import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { DemoSeedRegistry, type DemoSeeder } from '../bootstrap/demo-seeders.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import {
  loadDemoData,
  prepareDemo,
  writeDemoEvents,
  type DemoCancel,
  type DemoDataSummary,
  type DemoTarget,
  type GenerateDemoOptions,
  type PreparedDemo,
} from './demo-loader.js';

/** Concurrent writers; each writes whole days, one transaction per chunk. */
const WRITERS = 4;
/** How long the background load waits for first run's transaction to commit. */
const COMMIT_WAIT_MS = 120_000;

/**
 * The demo story generator, and first run's demo data (registered as a demo seeder).
 *
 * First run: campaigns and creatives are created inside the transaction that creates the demo
 * organisation; the events are then written in the background once that transaction has
 * committed, so the server is up at once and the figures fill in within seconds. Shutting down
 * stops the load after the chunk being written (event ids are deterministic, so nothing is
 * double counted if the same story is loaded again).
 */
@Injectable()
export class DemoDataService implements DemoSeeder, OnModuleDestroy {
  readonly name = 'campaigns and creatives (engagement events load in the background)';
  private readonly logger = new Logger(DemoDataService.name);
  private readonly cancel: DemoCancel = { cancelled: false };
  private background: Promise<DemoDataSummary | null> = Promise.resolve(null);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    registry: DemoSeedRegistry,
  ) {
    // In the constructor, not onModuleInit: main.ts runs first run before app.init().
    registry.register(this);
  }

  async onModuleDestroy(): Promise<void> {
    this.cancel.cancelled = true;
    await this.background;
  }

  /** First run, inside the transaction that creates the demo organisation. */
  async seed(params: { orgId: string; manager: EntityManager }): Promise<void> {
    const client = (await params.manager.queryRunner?.connect()) as PoolClient | undefined;
    if (!client) throw new Error('the demo seeder needs the first-run transaction');
    const prepared = await prepareDemo(client, { orgId: params.orgId });
    this.background = this.loadAfterCommit(prepared);
  }

  /** Resolves when the background demo load has finished (null when none ran). */
  whenLoaded(): Promise<DemoDataSummary | null> {
    return this.background;
  }

  /** Generates about `events` events into an organisation, over several connections. */
  async generateDemoData(options: GenerateDemoOptions): Promise<DemoDataSummary> {
    const summary = await loadDemoData(this.pool(), options, this.cancel);
    this.log(summary);
    return summary;
  }

  private async loadAfterCommit(prepared: PreparedDemo): Promise<DemoDataSummary | null> {
    try {
      const deadline = Date.now() + COMMIT_WAIT_MS;
      // The organisation becomes visible to other connections when first run commits.
      for (;;) {
        if (this.cancel.cancelled) return null;
        if (await this.dataSource.getRepository(OrganizationEntity).existsBy({ id: prepared.orgId })) break;
        if (Date.now() > deadline) {
          this.logger.warn('The demo organisation was not committed; demo events not loaded');
          return null;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      this.logger.log('Loading demo engagement events in the background…');
      const summary = await writeDemoEvents(this.pool(), prepared, this.cancel);
      this.log(summary);
      return summary;
    } catch (error) {
      this.logger.error(`Loading demo events failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  private pool(): DemoTarget {
    const driver = this.dataSource.driver as PostgresDriver;
    return {
      kind: 'pool',
      concurrency: WRITERS,
      acquire: async () => {
        const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
        return { client, release };
      },
    };
  }

  private log(s: DemoDataSummary): void {
    this.logger.log(
      `Demo data for ${s.orgId}: ${s.campaigns} campaigns, ${s.creatives} creatives, ${s.members} members, ` +
        `${s.eventsGenerated.toLocaleString('en-US')} events (${s.eventsInserted.toLocaleString('en-US')} new) in ${s.seconds} s ` +
        `(${s.eventsPerSecond.toLocaleString('en-US')} events/s)${s.cancelled ? ', stopped early by shutdown' : ''}`,
    );
  }
}
