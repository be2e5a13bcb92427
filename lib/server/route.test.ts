import { describe, expect, it } from 'vitest';
import { isCrossSite } from './route';
import { requestMeta } from './request-meta';

const request = (method: string, headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/v1/x', { method, headers });

describe('cross-site mutations', () => {
  it('are refused when Origin names another site', () => {
    expect(isCrossSite(request('POST', { host: 'localhost:3000', origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSite(request('POST', { host: 'localhost:3000', origin: 'null' }))).toBe(true);
    expect(isCrossSite(request('POST', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }))).toBe(true);
  });

  it('pass from the same origin, and reads are never blocked', () => {
    expect(isCrossSite(request('POST', { host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBe(false);
    expect(isCrossSite(request('GET', { host: 'localhost:3000', origin: 'https://evil.example' }))).toBe(false);
  });
});

describe('request metadata', () => {
  it('keeps only a real IP address and trims the user agent', () => {
    expect(requestMeta(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'user-agent': 'UA' }))).toEqual({
      ip: '203.0.113.9',
      userAgent: 'UA',
    });
    expect(requestMeta(new Headers({ 'x-forwarded-for': "1.2.3.4'; drop table users" })).ip).toBeNull();
    expect(requestMeta(new Headers({ 'user-agent': 'x'.repeat(2000) })).userAgent).toHaveLength(512);
  });
});
