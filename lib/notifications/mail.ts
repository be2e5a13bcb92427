import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';
import { logger } from '@/lib/log/logger';

export type Mail = { to: string; subject: string; text: string };

const globalForMail = globalThis as unknown as { quorumMail?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  if (globalForMail.quorumMail?.url !== url) {
    globalForMail.quorumMail = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.quorumMail.transport;
}

/**
 * Sends e-mails through SMTP_URL, or, when no mail server is configured, writes each one to the
 * log at info level. Call it after the transaction has committed. Never throws: a mail that
 * cannot be sent is logged (without the server address, which may hold credentials).
 */
export async function deliverMail(mails: readonly Mail[]): Promise<{ sent: number; logged: number; failed: number }> {
  const result = { sent: 0, logged: 0, failed: 0 };
  if (!mails.length) return result;
  const { SMTP_URL, MAIL_FROM } = env();
  for (const mail of mails) {
    if (!SMTP_URL) {
      logger.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'e-mail not sent: SMTP_URL is not set');
      result.logged++;
      continue;
    }
    try {
      await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
      result.sent++;
    } catch (error) {
      const e = error as { code?: string; message?: string };
      logger.warn({ err: { code: e?.code, message: e?.message }, to: mail.to, subject: mail.subject }, 'e-mail could not be sent');
      result.failed++;
    }
  }
  return result;
}
