import type { ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import type { RequestHandler } from 'express';

/** Vite names every file under /assets by its content hash: a changed file gets a new name. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/;

/**
 * Cache-Control for the dashboard's files: hashed assets are cached for a year and never revalidated;
 * everything else (index.html above all) is revalidated on every visit, so a deploy shows at once.
 */
export function setDashboardCacheHeaders(res: ServerResponse, filePath: string): void {
  const name = filePath.split(path.sep).join('/');
  res.setHeader('Cache-Control', HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * gzip or brotli (as the browser asks) for the dashboard's files. API responses are left as they are:
 * they carry their own headers and some stream.
 */
export function compressDashboard(): RequestHandler {
  return compression({
    filter: (req, res) => !(req.url ?? '').startsWith('/api/') && compression.filter(req, res),
  });
}
