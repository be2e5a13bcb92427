/** Display helpers for audit rows (pure; used by the audit page). */

export const AUDIT_TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `16:16:33 21/11/2026`: Vietnamese format, Vietnam time, whatever the server's zone. */
export function formatAuditTime(date: Date) {
  return AUDIT_TIME_FORMAT.format(date);
}

// C0/C1 controls (CR, LF, TAB, ESC…), line/paragraph separators and bidirectional overrides:
// characters that could make logged text look like several entries or read in another order.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Logged text as one visible line: control and direction characters are shown as escapes
 * (`\n`, `\u202e`), so a name such as "A\r\nB" reads as exactly that, inside its own cell.
 */
export function printable(value: string) {
  return value.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Details as compact JSON text, never markup; empty details give an empty string. */
export function detailsText(details: Record<string, unknown> | null | undefined) {
  if (!details || Object.keys(details).length === 0) return '';
  return printable(JSON.stringify(details));
}

/** Whether an action name can be a message key (`auth.sign_in`), so a lookup cannot misparse it. */
export function isActionKey(action: string) {
  return /^[a-z0-9_]+(\.[a-z0-9_]+)*$/i.test(action);
}
