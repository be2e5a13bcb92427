import { isIP } from 'node:net';

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** Client address and agent from request headers; anything that is not an IP is dropped. */
export function requestMeta(headers: Pick<Headers, 'get'>): RequestMeta {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? headers.get('x-real-ip') ?? '';
  const ip = forwarded.replace(/^::ffff:/, '');
  const userAgent = headers.get('user-agent');
  return { ip: isIP(ip) ? ip : null, userAgent: userAgent ? userAgent.slice(0, 512) : null };
}
