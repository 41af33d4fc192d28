import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { DemoSeedRegistry } from './demo-seeders.js';

export const DEMO_ORGANIZATION_NAME = 'Demo: Mindful Futures Foundation';

/**
 * Fixed demo logins, printed at start. Fine for the local demo on the embedded database (the
 * demo is not seeded against a DATABASE_URL server unless RESONANCE_SEED_DEMO=true asks for it).
 */
export const DEMO_LOGINS: readonly { email: string; password: string; role: Role }[] = [
  { email: 'owner@demo.resonance.local', password: 'resonance-demo-owner', role: 'owner' },
  { email: 'analyst@demo.resonance.local', password: 'resonance-demo-analyst', role: 'analyst' },
];

export interface FirstRunResult {
  created: boolean;
  kind?: 'admin' | 'demo';
  organizationId?: string;
  organizationName?: string;
  /** Logins to print. The admin's password came from the environment, so it is not repeated. */
  logins: { email: string; password?: string; role: string }[];
}

/** Lock key so two processes starting together create the first organisation once. */
const FIRST_RUN_LOCK = 727275;

/** Migrates the schema and, when no organisation exists, creates the first one. */
@Injectable()
export class FirstRunService {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly demoSeeders: DemoSeedRegistry,
  ) {}

  async migrate(): Promise<void> {
    const ran = await this.dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) this.logger.log(`Applied migrations: ${ran.map((m) => m.name).join(', ')}`);
  }

  async ensureFirstOrganization(): Promise<FirstRunResult> {
    const { adminEmail, adminPassword, seedDemo } = this.config;
    if (!(adminEmail && adminPassword) && !seedDemo) return { created: false, logins: [] };
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK]);
      if ((await manager.count(OrganizationEntity)) > 0) return { created: false, logins: [] };

      if (adminEmail && adminPassword) {
        const { organization, owner } = await this.accounts.createOrganizationWithOwner({
          name: this.config.adminOrganizationName,
          email: adminEmail,
          password: adminPassword,
          manager,
        });
        this.logger.log(`Created organisation ${organization.id} and its owner ${owner.id} from RESONANCE_ADMIN_EMAIL`);
        return {
          created: true,
          kind: 'admin',
          organizationId: organization.id,
          organizationName: organization.name,
          logins: [{ email: owner.email, role: 'owner' }],
        };
      }

      const [ownerLogin, ...others] = DEMO_LOGINS;
      if (!ownerLogin) throw new Error('DEMO_LOGINS needs an owner');
      const { organization } = await this.accounts.createOrganizationWithOwner({
        name: DEMO_ORGANIZATION_NAME,
        email: ownerLogin.email,
        password: ownerLogin.password,
        isDemo: true,
        manager,
      });
      for (const login of others) {
        await this.accounts.createUser({ orgId: organization.id, ...login, manager });
      }
      for (const seeder of this.demoSeeders.all()) {
        await seeder.seed({ orgId: organization.id, manager });
        this.logger.log(`Demo data: ${seeder.name}`);
      }
      this.logger.log(`Created the demo organisation ${organization.id}`);
      return {
        created: true,
        kind: 'demo',
        organizationId: organization.id,
        organizationName: organization.name,
        logins: DEMO_LOGINS.map((login) => ({ ...login })),
      };
    });
  }
}
