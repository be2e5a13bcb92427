import { describe, expect, it } from 'vitest';
import { readCookie } from './cookies';

describe('readCookie', () => {
  it('finds one cookie among others, by its exact name', () => {
    const header = 'NEXT_LOCALE=en; quorum.session=abc.def; __Host-quorum.session=xyz';
    expect(readCookie(header, 'quorum.session')).toBe('abc.def');
    expect(readCookie(header, '__Host-quorum.session')).toBe('xyz');
    expect(readCookie(header, 'session')).toBeUndefined();
    expect(readCookie(undefined, 'quorum.session')).toBeUndefined();
  });

  it('decodes percent-encoded and quoted values, and keeps a value that is not valid percent-encoding', () => {
    expect(readCookie('a=%C4%90%E1%BA%A3ng', 'a')).toBe('Đảng');
    expect(readCookie('a="quoted"', 'a')).toBe('quoted');
    expect(readCookie('a=100%', 'a')).toBe('100%');
    expect(readCookie('broken; a=1', 'a')).toBe('1');
  });
});
