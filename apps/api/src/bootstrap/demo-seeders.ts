import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Adds demo data to the freshly created demo organisation (campaigns, events, …). */
export interface DemoSeeder {
  readonly name: string;
  seed(params: { orgId: string; manager: EntityManager }): Promise<void>;
}

/**
 * Where features hook their demo data in: inject this and call `register(this)` from
 * `onModuleInit`. First run calls every seeder, in registration order, inside the transaction
 * that creates the demo organisation.
 */
@Injectable()
export class DemoSeedRegistry {
  private readonly seeders: DemoSeeder[] = [];

  register(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  all(): readonly DemoSeeder[] {
    return this.seeders;
  }
}
