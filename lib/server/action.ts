import 'server-only';
import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { type Auditor, auditor } from '@/lib/audit/record';
import { type Transaction, getDb } from '@/lib/db/client';
import { type Action, can } from '@/lib/auth/permissions';
import { type Viewer, getRequestMeta, getViewer } from '@/lib/auth/viewer';
import { logger } from '@/lib/log/logger';
import { AppError, rootCause, toAppError } from './errors';
import { formDataToObject } from './form-data';
import type { RequestMeta } from './request-meta';
import type { ActionState } from './action-state';
import { fieldErrors } from './validation';


export type ActionContext<I> = {
  viewer: Viewer;
  input: I;
  tx: Transaction;
  meta: RequestMeta;
  /** Appends an audit row in this transaction; the actor and request are filled in. */
  audit: Auditor;
  /**
   * Runs a task once the transaction has committed (e.g. sending e-mail); never when it rolls back.
   * Tasks are not awaited by the action and their failures are logged, never shown to the user.
   */
  afterCommit: (task: () => Promise<void> | void) => void;
};

/** Starts the tasks queued with `afterCommit`; a failing task is logged and never fails the action. */
export function runAfterCommit(tasks: readonly (() => Promise<void> | void)[], name: string) {
  for (const task of tasks) {
    void Promise.resolve()
      .then(task)
      .catch((err: unknown) => logger.error({ err, action: name }, 'after-commit task failed'));
  }
}

type Definition<S extends z.ZodType, R> = {
  /** Audit action name, also used in logs, e.g. `admin.user.disable`. */
  name: string;
  schema: S;
  /**
   * The permission this action needs (lib/auth/permissions.ts). Checked before validation at the
   * role level — a viewer who holds it nowhere learns nothing, not even which fields are wrong —
   * and listed in the access matrix. `authorize` then decides for the specific record.
   */
  permission: Action;
  /**
   * The permission decision (lib/auth/permissions.ts `can`), made inside the transaction with
   * whatever lookups it needs. False answers "not found", so hidden records are not revealed.
   */
  authorize?: (viewer: Viewer, input: z.output<S>, tx: Transaction) => Promise<boolean> | boolean;
  run: (ctx: ActionContext<z.output<S>>) => Promise<R>;
  /** Full message key (e.g. `account.passwordChanged`) shown on success. */
  success?: string;
  revalidate?: string[] | ((input: z.output<S>) => string[]);
  /** Allowed before the user has done a required second-factor or password step. */
  allowPending?: boolean;
  /** Where to go after the change is committed (redirecting inside the transaction would undo it). */
  redirectTo?: string;
};

/**
 * The one way to build a server action: authenticate → validate (zod) → authorize → transaction
 * (change + audit rows) → revalidate. Returns `ActionState`; never throws to the client.
 */
export function defineAction<S extends z.ZodType, R extends Record<string, string> | void>(def: Definition<S, R>) {
  const action = async function action(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const t = await getTranslations();
    const raw = formDataToObject(formData);
    const values = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => typeof v === 'string' && !/password|^otp$|^code$/i.test(k)),
    ) as Record<string, string>;
    const at = Date.now();

    const viewer = await getViewer();
    if (!viewer) return { ok: false, message: t('errors.UNAUTHENTICATED'), values, at };
    if (!def.allowPending && (viewer.mustEnrolTotp || viewer.mustChangePassword)) {
      return { ok: false, message: t('errors.PENDING_ACCOUNT_STEP'), values, at };
    }

    if (!can(viewer, def.permission)) return { ok: false, message: t('errors.NOT_FOUND'), values, at };

    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, (key, v) => t(`validation.${key}`, v));
      return { ok: false, message: t('errors.VALIDATION_FAILED'), fieldErrors: errors, values, at };
    }

    const meta = await getRequestMeta();
    const afterCommit: (() => Promise<void> | void)[] = [];
    try {
      const data = await getDb().transaction(async (tx) => {
        if (def.authorize && !(await def.authorize(viewer, parsed.data, tx))) throw new AppError('NOT_FOUND');
        return def.run({
          viewer,
          input: parsed.data,
          tx,
          meta,
          audit: auditor(tx, { id: viewer.id, name: viewer.name }, meta),
          afterCommit: (task) => void afterCommit.push(task),
        });
      });
      runAfterCommit(afterCommit, def.name);
      const paths = typeof def.revalidate === 'function' ? def.revalidate(parsed.data) : (def.revalidate ?? []);
      for (const path of paths) revalidatePath(path);
      if (def.redirectTo) redirect(def.redirectTo);
      return {
        ok: true,
        message: def.success ? t(def.success) : undefined,
        at,
        data: data ?? undefined,
      };
    } catch (error) {
      unstable_rethrow(error); // the redirect after commit is navigation, not a failure
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') logger.error({ err: rootCause(error), action: def.name }, 'action failed');
      const message = t(appError.messageKeyFromRoot, appError.options.values);
      return {
        ok: false,
        message,
        fieldErrors: appError.options.field ? { [appError.options.field]: message } : undefined,
        values,
        at,
      };
    }
  };
  // Read by the access-matrix test; not visible to clients.
  return Object.assign(action, { permission: def.permission, actionName: def.name });
}
