import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../../../test/test-app.js';

describe('the dashboard files', () => {
  let app: NestExpressApplication;
  let dir: string;
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, label: 'row ${i}' }`).join(',')}];`;

  beforeAll(async () => {
    // A built dashboard in miniature: index.html and one hashed asset.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resonance-dashboard-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Resonance</title><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-B3xk9Qz1.js'), script);
    app = await createTestApp({ RESONANCE_DASHBOARD_DIR: dir });
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends hashed assets compressed (brotli or gzip, as asked) and cached for a year', async () => {
    const server = app.getHttpServer();
    const br = await request(server).get('/assets/index-B3xk9Qz1.js').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.text).toBe(script);

    const gzip = await request(server).get('/assets/index-B3xk9Qz1.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);
  });

  it('has the browser revalidate index.html, for the file and for every app route', async () => {
    const server = app.getHttpServer();
    for (const url of ['/', '/index.html', '/campaigns/123/edit']) {
      const res = await request(server).get(url).expect(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('leaves API responses uncompressed', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/docs/openapi.json')
      .set('Accept-Encoding', 'br, gzip')
      .expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
