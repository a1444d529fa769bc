// Builds the Fastify app: plugins, error handling, authentication, then each module's
// routes under /api/v1, the OpenAPI document, and the web app's static files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { trustedProxies } from './config.ts';
import type { Database } from './db/connect.ts';
import './http/fastify-types.ts';
import { registerCompression } from './http/compression.ts';
import { type LogDestination, loggerOptions } from './http/logging.ts';
import { answerClientError, registerProblemHandlers, sendProblem } from './http/problem.ts';
import { refuseCrossSiteRequests } from './http/refuse-cross-site.ts';
import { refuseMalformedText } from './http/refuse-malformed-text.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerWebSecurity } from './http/web-security.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { registerAuthentication } from './modules/auth/authenticate.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { apiModules } from './modules/index.ts';
import { userRoutes } from './modules/users/routes.ts';

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface AppOptions {
  /** The request log on standard output (CHIBO_LOG=1). */
  logger?: boolean;
  /** The request log into this stream instead (tests read it). */
  logStream?: LogDestination;
  /** Default: CHIBO_TRUSTED_PROXIES. */
  trustedProxies?: string[];
  /** The built web app; default web/dist (tests give a folder of their own). */
  webRoot?: string;
}

export async function buildApp(database: Database, options: AppOptions = {}): Promise<FastifyInstance> {
  const proxies = options.trustedProxies ?? trustedProxies();
  const app = Fastify({
    logger: options.logger || options.logStream ? loggerOptions(options.logStream) : false,
    bodyLimit: 1024 * 1024,
    trustProxy: proxies.length > 0 ? proxies : false,
    ajv: { customOptions: { coerceTypes: false } },
    // A URL the router itself refuses (a path parameter over 100 characters, a broken
    // %-escape) is answered before any hook runs: still problem+json in the caller's language.
    frameworkErrors: (error, request, reply) => sendProblem(reply, request, error),
    clientErrorHandler: answerClientError,
  });
  app.decorate('db', database.db);
  app.decorate('reportDb', database.reportDb);
  app.decorate('database', database);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = options.webRoot ?? webDist;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  // The single-page app answers its page paths (GET, not /api/, no file extension) with
  // index.html; a missing file, e.g. an old /assets/*.js, stays a 404.
  registerProblemHandlers(app, (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (!hasWeb || request.method !== 'GET' || pathname.startsWith('/api/') || /\.[a-z0-9]+$/i.test(pathname)) return false;
    void reply.sendFile('index.html');
    return true;
  });

  await app.register(cookie);
  // Before authentication and before any body is read: headers, then the CSRF refusal.
  await registerWebSecurity(app);
  refuseCrossSiteRequests(app);
  // Before any route, so every route gets it.
  await registerCompression(app);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'chibo API', version: '1' }, servers: [{ url: '/' }] },
    transform: jsonSchemaTransform,
  });
  registerAuthentication(app);
  refuseMalformedText(app);

  await app.register(
    async (api) => {
      for (const routes of [healthRoutes, authRoutes, userRoutes, auditRoutes, ...apiModules]) await api.register(routes);
    },
    { prefix: '/api/v1' },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  if (hasWeb) await registerWebApp(app, webRoot);
  return app;
}
