import { Module } from '@nestjs/common';
import { CatalogueSeeder } from './catalogue-seeder.js';
import { ObservancesService } from './observances.service.js';
import { PerformanceService } from './performance.service.js';
import { PlanningController } from './planning.controller.js';
import { WarehouseModule } from '../warehouse/warehouse.module.js';

@Module({
  imports: [WarehouseModule],
  controllers: [PlanningController],
  providers: [CatalogueSeeder, ObservancesService, PerformanceService],
  exports: [ObservancesService],
})
export class PlanningModule {}
