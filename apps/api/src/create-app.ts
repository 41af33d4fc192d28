import type { IncomingMessage } from 'node:http';
import { Logger, ValidationPipe, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { ControlCharacterPipe } from './common/pipes/control-characters.pipe.js';
import { AppExceptionFilter } from './common/filters/app-exception.filter.js';
import { compressDashboard } from './common/static/dashboard-static.js';
import type { AppConfig } from './infra/config/app-config.js';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** `POST /api/v1/events` (the ingest route; its JSON is parsed off the request thread). */
function isEventIngest(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.url ?? '').split('?')[0]?.replace(/\/+$/, '') === '/api/v1/events';
}

/** Builds the configured Nest application; `main.ts` and the integration tests share it. */
export async function createApp(options: { config: AppConfig; databaseUrl: string }): Promise<NestExpressApplication> {
  const { config } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: LOG_LEVELS[config.logLevel],
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and Recharts use inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  app.use(cookieParser());
  // API answers are per user (sessions, API keys): no browser or proxy may keep a copy. The static
  // dashboard is served outside /api/v1 with its own caching.
  app.use('/api/v1', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.dashboardDir) app.use(compressDashboard());
  // JSON bodies; NDJSON ingest streams and multipart uploads are read by their own routes. The events
  // route takes its JSON as bytes: it parses them in an ingest thread (ingest/ingest-threads.ts).
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: (req) => isJson(req) && !isEventIngest(req) });
  app.useBodyParser('raw', { limit: config.bodyLimitBytes, type: (req) => isJson(req) && isEventIngest(req) });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ControlCharacterPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new AppExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Resonance API')
      .setDescription('Campaign analytics and audience segmentation for awareness campaigns.')
      .setVersion('1')
      .addCookieAuth('resonance_session')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  Logger.flush();
  return app;
}
