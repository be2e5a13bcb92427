import { describe, expect, it } from 'vitest';
import { formatMeetingWhen, fromVietnamTime, toVietnamParts } from './time';

describe('meeting times in Vietnam time', () => {
  it('convert form parts to instants and back', () => {
    const at = fromVietnamTime('2026-03-05', '07:30');
    expect(at?.toISOString()).toBe('2026-03-05T00:30:00.000Z');
    expect(toVietnamParts(at!)).toEqual({ date: '2026-03-05', time: '07:30' });
    expect(toVietnamParts(new Date('2026-03-05T20:00:00Z'))).toEqual({ date: '2026-03-06', time: '03:00' });
  });

  it('refuse malformed or impossible dates', () => {
    expect(fromVietnamTime('2026-02-30', '08:00')).toBeUndefined();
    expect(fromVietnamTime('05/03/2026', '08:00')).toBeUndefined();
    expect(fromVietnamTime('2026-03-05', '8h')).toBeUndefined();
  });

  it('format in Vietnamese with the day first', () => {
    const text = formatMeetingWhen(new Date('2026-03-05T01:00:00Z'), new Date('2026-03-05T03:30:00Z'));
    expect(text).toContain('05/03/2026');
    expect(text).toContain('08:00–10:30');
  });
});
