import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';

export interface FirstRunResult {
  created: boolean;
  organizationName?: string;
  logins: { email: string; password: string; role: string }[];
}

/** Migrates the schema and, when no organisation exists, creates the first one. */
@Injectable()
export class FirstRunService {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async migrate(): Promise<void> {
    const ran = await this.dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) this.logger.log(`Applied migrations: ${ran.map((m) => m.name).join(', ')}`);
  }

  async ensureFirstOrganization(): Promise<FirstRunResult> {
    const organizations = this.dataSource.getRepository(OrganizationEntity);
    if ((await organizations.count()) > 0) return { created: false, logins: [] };
    if (!this.config.seedDemo) return { created: false, logins: [] };
    const org = organizations.create({
      name: 'Demo: Mindful Futures Foundation',
      isDemo: true,
      memberKeySecret: randomBytes(32),
    });
    await organizations.save(org);
    this.logger.log(`Created the demo organisation ${org.id}`);
    return { created: true, organizationName: org.name, logins: [] };
  }
}
