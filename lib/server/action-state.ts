/** What every form action returns to `useActionState` (shared by server and client code). */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Echo of the submitted text fields, so a failed form keeps what the user typed. */
  values?: Record<string, string>;
  /** Changes on every submission, so a form can reset after success. */
  at?: number;
  /** Optional data for the form (e.g. a one-time secret to show). */
  data?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };
