import { z } from 'zod';

/** New password + confirmation; strength is checked on the server with passwordProblem(). */
export const newPasswordFields = {
  newPassword: z.string().min(1).max(256),
  confirmPassword: z.string().min(1).max(256),
};

export const emailField = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'v:email' }));
export const nameField = z.string().trim().min(1).max(200);
