/**
 * Meeting times are entered and shown in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight
 * saving) and stored as UTC instants.
 */
export const MEETING_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET = '+07:00';

/** `2026-03-05` + `08:30` (Vietnam time) → the instant; undefined when either part is malformed. */
export function fromVietnamTime(date: string, time: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const instant = new Date(`${date}T${time}:00${OFFSET}`);
  if (Number.isNaN(instant.getTime())) return undefined;
  // Reject dates the Date parser rolled over (e.g. 2026-02-30).
  return toVietnamParts(instant).date === date ? instant : undefined;
}

const OFFSET_MS = 7 * 60 * 60 * 1000;

/** The instant as Vietnam date and time parts for form fields: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function toVietnamParts(instant: Date): { date: string; time: string } {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** A Vietnam calendar year as a UTC instant range [from, to). */
export function vietnamYearRange(year: number) {
  return { from: new Date(Date.UTC(year, 0, 1) - OFFSET_MS), to: new Date(Date.UTC(year + 1, 0, 1) - OFFSET_MS) };
}

/** The year of an instant in Vietnam time. */
export function vietnamYear(instant: Date) {
  return new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();
}

/** The month (1–12) of an instant in Vietnam time. */
export function vietnamMonth(instant: Date) {
  return new Date(instant.getTime() + OFFSET_MS).getUTCMonth() + 1;
}

const formats = {
  date: { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

function fmt(locale: string, instant: Date, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { ...options, timeZone: MEETING_TIME_ZONE }).format(instant);
}

/** e.g. "Thứ Năm, 05/03/2026" (vi) or "Thursday 05/03/2026" (en), in Vietnam time. */
export function formatMeetingDate(instant: Date, locale = 'vi') {
  return fmt(locale, instant, formats.date);
}

/** e.g. "08:00–10:30", in Vietnam time. */
export function formatMeetingTimes(startsAt: Date, endsAt: Date, locale = 'vi') {
  return `${fmt(locale, startsAt, formats.time)}–${fmt(locale, endsAt, formats.time)}`;
}

/** Date and time range in one line, for lists and notifications. */
export function formatMeetingWhen(startsAt: Date, endsAt: Date, locale = 'vi') {
  return `${formatMeetingDate(startsAt, locale)}, ${formatMeetingTimes(startsAt, endsAt, locale)}`;
}
