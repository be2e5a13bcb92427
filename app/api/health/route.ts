import { getPool } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability for load balancers: no session needed, no details leaked. */
export async function GET() {
  try {
    await getPool().query('select 1');
    return Response.json({ status: 'ok', db: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ status: 'degraded', db: 'unreachable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
