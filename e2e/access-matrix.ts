import type { Role } from './support';

/**
 * Every route and server action with the demo roles allowed to use it. The completeness test
 * (access-matrix-complete.test.ts) fails when a page, route handler or action exists that is not
 * listed here; the e2e spec (access-matrix.spec.ts) checks each role against each entry over HTTP.
 */
export const EVERYONE: Role[] = ['admin', 'secretary', 'deputy', 'clerk', 'member'];
const MEMBERS_OF_THE_TREE: Role[] = ['secretary', 'deputy', 'clerk', 'member'];
const ADMIN: Role[] = ['admin'];

/** Dynamic segments are filled with these seeded records (looked up in the e2e database). */
export type Sample = 'memberCell' | 'memberUser';

export type RouteEntry = { allow: Role[] | 'public'; params?: Record<string, Sample>; method?: 'GET' };

export const routes: Record<string, RouteEntry> = {
  '/login': { allow: 'public' },
  '/': { allow: EVERYONE },
  '/account': { allow: EVERYONE },
  '/organizations': { allow: MEMBERS_OF_THE_TREE },
  // The member's own cell: its members, and the district leadership and office above it.
  '/organizations/[organizationId]': { allow: MEMBERS_OF_THE_TREE, params: { organizationId: 'memberCell' } },
  '/audit': { allow: ['admin', 'secretary', 'deputy'] },
  '/admin/users': { allow: ADMIN },
  '/admin/users/[userId]': { allow: ADMIN, params: { userId: 'memberUser' } },
  '/admin/organizations': { allow: ADMIN },
  '/admin/organizations/[organizationId]': { allow: ADMIN, params: { organizationId: 'memberCell' } },
  '/admin/security': { allow: ADMIN },
  '/api/health': { allow: 'public' },
  '/api/auth/[...nextauth]': { allow: 'public' },
  '/api/v1/me': { allow: EVERYONE },
  '/api/v1/organizations': { allow: MEMBERS_OF_THE_TREE },
};

/** Server actions, as `file#export`. */
export const actions: Record<string, Role[] | 'public'> = {
  'lib/i18n/actions.ts#setLocale': 'public',
  'lib/i18n/actions.ts#setTextSize': 'public',
  'lib/auth/actions.ts#signOut': EVERYONE,
  'app/(portal)/account/actions.ts#changePassword': EVERYONE,
  'app/(portal)/account/actions.ts#startTotp': EVERYONE,
  'app/(portal)/account/actions.ts#confirmTotp': EVERYONE,
  'app/(portal)/account/actions.ts#disableTotp': EVERYONE,
  'app/(portal)/admin/organizations/actions.ts#createOrganization': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#updateOrganization': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#createBody': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#updateBody': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#addSeat': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#updateSeat': ADMIN,
  'app/(portal)/admin/organizations/actions.ts#removeSeat': ADMIN,
  'app/(portal)/admin/security/actions.ts#setTotpRequirement': ADMIN,
  'app/(portal)/admin/users/actions.ts#createUser': ADMIN,
  'app/(portal)/admin/users/actions.ts#updateUser': ADMIN,
  'app/(portal)/admin/users/actions.ts#disableUser': ADMIN,
  'app/(portal)/admin/users/actions.ts#enableUser': ADMIN,
  'app/(portal)/admin/users/actions.ts#resetPassword': ADMIN,
  'app/(portal)/admin/users/actions.ts#revokeSessions': ADMIN,
  'app/(portal)/admin/users/actions.ts#resetTwoFactor': ADMIN,
  'app/(portal)/admin/users/actions.ts#addMembership': ADMIN,
  'app/(portal)/admin/users/actions.ts#removeMembership': ADMIN,
  'app/(portal)/admin/users/actions.ts#grantAdmin': ADMIN,
  'app/(portal)/admin/users/actions.ts#revokeAdmin': ADMIN,
};
