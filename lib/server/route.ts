import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { type Auditor, auditor } from '@/lib/audit/record';
import { type Action, can } from '@/lib/auth/permissions';
import { type Viewer, viewerFromCookieHeader } from '@/lib/auth/viewer';
import { type Db, getDb } from '@/lib/db/client';
import { translatorFor } from '@/lib/i18n/translator';
import { logger } from '@/lib/log/logger';
import { AppError, rootCause, toAppError } from './errors';
import { type RequestMeta, requestMeta } from './request-meta';
import { fieldErrors } from './validation';

/**
 * What a route reads of its request. A Web `Request` is one (Next's route handlers); the fast
 * path (lib/server/fast-path.ts) passes a lighter object straight from Node's request.
 */
export type RouteRequest = {
  method: string;
  url: string;
  headers: Pick<Headers, 'get'>;
  json: () => Promise<unknown>;
};

/** A route's answer before it becomes a response: a status and a JSON body (always `no-store`). */
export type RouteReply = { status: number; body: unknown };

type RouteContext<I> = {
  viewer: Viewer;
  input: I;
  db: Db;
  meta: RequestMeta;
  request: RouteRequest;
  audit: Auditor;
};

/** What Next passes as the second argument of a route handler: the dynamic segments of the path. */
export type RouteHandlerContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Definition<S extends z.ZodType> = {
  name: string;
  /**
   * Input from the query string (GET) or the JSON body (other methods), with the route's dynamic
   * segments (e.g. `meetingId`) merged over it, so they are validated by the same schema.
   */
  schema: S;
  /** The permission needed (role-level gate before validation; see lib/server/action.ts). */
  permission: Action;
  /** The decision for the specific record, when the route reads or changes one. */
  authorize?: (viewer: Viewer, input: z.output<S>, db: Db) => Promise<boolean> | boolean;
  handler: (ctx: RouteContext<z.output<S>>) => Promise<unknown>;
  /**
   * False for a hot mutation that keeps itself atomic (one statement with its audit row via
   * `insertAuditRows`, or a transaction it opens): no BEGIN/COMMIT round trips around it.
   */
  transaction?: false;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function errorReply(request: RouteRequest, error: AppError, extra: Record<string, unknown> = {}): Promise<RouteReply> {
  const t = await translatorFor(request.headers.get('cookie'));
  const { reason, values } = error.options;
  return {
    status: error.status,
    body: { error: { code: error.code, ...(reason ? { reason } : {}), message: t(error.messageKeyFromRoot, values), ...extra } },
  };
}

/** A mutation whose Origin is another site is refused before anything else (CSRF). */
export function isCrossSite(request: Pick<RouteRequest, 'method' | 'headers'>): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * The one way to build a JSON API route: same-origin check for mutations → authenticate →
 * validate → authorize → handler (mutations in one transaction with their audit rows).
 * Errors are `{ error: { code, reason?, message } }` with a stable code and the matching status.
 * The result is Next's route handler; its `serve` is the same route on any `RouteRequest`.
 */
export function defineRoute<S extends z.ZodType>(def: Definition<S>) {
  async function serve(request: RouteRequest, params: Record<string, string | string[] | undefined> = {}): Promise<RouteReply> {
    try {
      return await answer(request, params);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') logger.error({ err: rootCause(error), route: def.name }, 'route failed');
      return errorReply(request, appError);
    }
  }

  async function answer(request: RouteRequest, params: Record<string, string | string[] | undefined>): Promise<RouteReply> {
    if (isCrossSite(request)) return errorReply(request, new AppError('CROSS_SITE_REQUEST'));
    const viewer = await viewerFromCookieHeader(request.headers.get('cookie'));
    if (!viewer) return errorReply(request, new AppError('UNAUTHENTICATED'));
    if (!can(viewer, def.permission)) return errorReply(request, new AppError('NOT_FOUND'));

    let raw: unknown;
    if (SAFE_METHODS.has(request.method)) {
      raw = Object.fromEntries(new URL(request.url).searchParams);
    } else {
      raw = await request.json().catch(() => undefined);
      if (raw === undefined) return errorReply(request, new AppError('VALIDATION_FAILED', { messageKey: 'INVALID_JSON' }));
    }
    // Path segments win over the query string or body, so `?meetingId=` cannot name another record.
    if (Object.keys(params).length) raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, ...params } : raw;
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const t = await translatorFor(request.headers.get('cookie'));
      return errorReply(request, new AppError('VALIDATION_FAILED'), { fields: fieldErrors(parsed.error, (k, v) => t(`validation.${k}`, v)) });
    }

    const meta = requestMeta(request.headers);
    const mutation = !SAFE_METHODS.has(request.method);
    const body = await (mutation && def.transaction !== false
      ? getDb().transaction((tx) => execute(def, viewer, parsed.data, tx, meta, request))
      : execute(def, viewer, parsed.data, getDb(), meta, request));
    return { status: 200, body };
  }

  const route = async function route(request: Request, context?: RouteHandlerContext): Promise<Response> {
    const { status, body } = await serve(request, (context ? await context.params : undefined) ?? {});
    return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  };
  return Object.assign(route, { permission: def.permission, serve });
}

async function execute<S extends z.ZodType>(
  def: Definition<S>,
  viewer: Viewer,
  input: z.output<S>,
  db: Db,
  meta: RequestMeta,
  request: RouteRequest,
) {
  if (def.authorize && !(await def.authorize(viewer, input, db))) throw new AppError('NOT_FOUND');
  return def.handler({
    viewer,
    input,
    db,
    meta,
    request,
    audit: auditor(db, { id: viewer.id, name: viewer.name }, meta),
  });
}
