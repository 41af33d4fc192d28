import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@resonance/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/decorators/public.decorator.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../infra/database/connection-faults.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'The api and its database are up.' })
  @ApiServiceUnavailableResponse({ description: 'The database cannot be reached.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let database: HealthResponse['database'] = 'up';
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      database = 'down';
    }
    if (database === 'down') {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    return {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      version: '0.1.0',
      time: new Date().toISOString(),
    };
  }
}
