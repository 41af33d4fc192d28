import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './infra/config/app-config.js';
import { ConfigModule } from './infra/config/config.module.js';
import { dataSourceOptions } from './infra/database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { BootstrapModule } from './bootstrap/bootstrap.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { DemoModule } from './demo/demo.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { WarehouseModule } from './warehouse/warehouse.module.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { SavedViewsModule } from './saved-views/saved-views.module.js';
import { ShareLinksModule } from './share-links/share-links.module.js';
import { DigestsModule } from './digests/digests.module.js';
import { AnnotationsModule } from './annotations/annotations.module.js';
import { setDashboardCacheHeaders } from './common/static/dashboard-static.js';

@Module({})
export class AppModule {
  static forRoot(options: { config: AppConfig; databaseUrl: string }): DynamicModule {
    const { config, databaseUrl } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        ...(config.dashboardDir
          ? [
              ServeStaticModule.forRoot({
                rootPath: config.dashboardDir,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { setHeaders: setDashboardCacheHeaders },
              }),
            ]
          : []),
        HealthModule,
        AuthModule,
        AccountsModule,
        ApiKeysModule,
        AuditModule,
        OrganizationsModule,
        ImportsModule,
        DemoModule,
        CampaignsModule,
        IngestModule,
        PlanningModule,
        BootstrapModule,
        WarehouseModule,
        AnalyticsModule,
        ExportsModule,
        SavedViewsModule,
        ShareLinksModule,
        DigestsModule,
        AnnotationsModule,
      ],
    };
  }
}
