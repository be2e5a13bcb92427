import 'server-only';
import { getTranslations } from 'next-intl/server';
import { NextResponse } from 'next/server';
import { ERROR_STATUS } from '@/lib/server/errors';
import type { RouteHandlerContext } from '@/lib/server/route';
import { voteErrorOf } from './errors';

/**
 * The API answers a refused vote with a stable, vote-specific `reason` next to the generic code:
 * `{ error: { code: 'CONFLICT', reason: 'ALREADY_VOTED', message } }` (lib/votes/errors.ts).
 * The route's handler turns the refusal into a value with `asRefusal` (every refusal happens
 * before anything is written, so the transaction has nothing to commit), and `withRefusals`
 * turns that value into the error response.
 */
const REFUSAL = '__voteRefusal';

type Refusal = { key: string; code: keyof typeof ERROR_STATUS; reason: string };

export async function asRefusal<T>(run: () => Promise<T>): Promise<T | { [REFUSAL]: Refusal }> {
  try {
    return await run();
  } catch (error) {
    const refusal = voteErrorOf(error);
    if (!refusal) throw error;
    return { [REFUSAL]: refusal };
  }
}

type Handler = ((request: Request, context?: RouteHandlerContext) => Promise<Response>) & { permission: string };

export function withRefusals<H extends Handler>(route: H): H {
  const wrapped = async (request: Request, context?: RouteHandlerContext) => {
    const response = await route(request, context);
    if (response.status !== 200) return response;
    const body = (await response.clone().json()) as Record<string, unknown> | null;
    const refusal = body?.[REFUSAL] as Refusal | undefined;
    if (!refusal) return response;
    const t = await getTranslations('votes');
    return NextResponse.json(
      { error: { code: refusal.code, reason: refusal.reason, message: t(`errors.${refusal.key}`) } },
      { status: ERROR_STATUS[refusal.code], headers: { 'Cache-Control': 'no-store' } },
    );
  };
  return Object.assign(wrapped, { permission: route.permission }) as unknown as H;
}
