import type { z } from 'zod';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Zod issues as one translated message per field. A schema can name a specific message with
 * `{ error: 'v:<key>' }` (looked up under `validation.`); otherwise the issue kind picks one.
 */
export function fieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_form';
    if (out[field]) continue;
    out[field] = translateIssue(issue, t);
  }
  return out;
}

function translateIssue(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.message.startsWith('v:')) return t(issue.message.slice(2));
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string' ? t('required') : t('too_short', { min: Number(issue.minimum) });
    case 'too_big':
      return t('too_long', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('email') : t('invalid');
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? t('required') : t('invalid');
    default:
      return t('invalid');
  }
}
