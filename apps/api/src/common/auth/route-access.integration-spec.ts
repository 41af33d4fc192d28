import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../../../test/test-app.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { AUTH_OPTIONS } from './auth.decorator.js';

interface Route {
  controller: string;
  handler: string;
  method: string;
  path: string;
  isPublic: boolean;
  hasAuth: boolean;
}

/** Every controller route of the running app, with its access marks. */
function walkRoutes(app: NestExpressApplication): Route[] {
  const reflector = app.get(Reflector);
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || typeof type !== 'function') continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler, type];
        routes.push({
          controller: type.name,
          handler: name,
          method,
          path: `/api/v1/${[base, String(path)]
            .map((p) => p.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/')}`,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
          hasAuth: reflector.getAllAndOverride<unknown>(AUTH_OPTIONS, targets) !== undefined,
        });
      }
    }
  }
  return routes;
}

describe('every route declares who may call it', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('finds the routes', () => {
    const routes = walkRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining(['GET /api/v1/health', 'POST /api/v1/auth/login', 'DELETE /api/v1/api-keys/:id']),
    );
  });

  it('has @Auth(...) or @Public() on every controller route', () => {
    const unmarked = walkRoutes(app)
      .filter((r) => !r.isPublic && !r.hasAuth)
      .map((r) => `${r.controller}.${r.handler} (${r.method} ${r.path})`);
    expect(unmarked).toEqual([]);
  });

  it('keeps only health, login, sign-up, password reset and docs public', () => {
    const open = walkRoutes(app)
      .filter((r) => r.isPublic && !r.hasAuth)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    // Completing a password reset is public: the one-time token in the link is the credential.
    // Opening a share link is public: the link's token (and its password, if any) is the credential.
    expect(open).toEqual([
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/signup',
      'POST /api/v1/shared/open',
    ]);
  });

  it('answers 401 to an anonymous call on every guarded route', async () => {
    const guarded = walkRoutes(app).filter((r) => r.hasAuth);
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const path = route.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(app.getHttpServer())[route.method.toLowerCase() as 'get'](path);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });
});
