import { describe, expect, it } from 'vitest';
import { detailsText, formatAuditTime, isActionKey, printable } from './format';

describe('audit display helpers', () => {
  it('formats times in Vietnamese style and Vietnam time', () => {
    expect(formatAuditTime(new Date('2025-03-01T17:30:05Z'))).toBe('00:30:05 02/03/2025');
  });

  it('shows line breaks, tabs and direction overrides as visible escapes', () => {
    expect(printable('Nguyễn Văn A\r\n2025-01-01 admin.user.create')).toBe('Nguyễn Văn A\\r\\n2025-01-01 admin.user.create');
    expect(printable('a\tb\u202Ec\u0000')).toBe('a\\tb\\u202ec\\u0000');
    expect(printable('Lê Thị Thu Hà')).toBe('Lê Thị Thu Hà');
  });

  it('renders details as one line of JSON text', () => {
    expect(detailsText({})).toBe('');
    expect(detailsText({ name: '<b>x</b>\u2028y', n: 1 })).toBe('{"name":"<b>x</b>\\u2028y","n":1}');
    expect(detailsText({ email: 'a\nb' })).toBe('{"email":"a\\nb"}');
  });

  it('accepts only dotted identifiers as message keys', () => {
    expect(isActionKey('auth.sign_in')).toBe(true);
    expect(isActionKey('auth..x')).toBe(false);
    expect(isActionKey('a b')).toBe(false);
    expect(isActionKey('')).toBe(false);
  });
});
