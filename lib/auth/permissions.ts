import type { MembershipRole } from '@/db/schema';

/**
 * The one permission table. A rule grants an action to:
 * - `admin`: system administrators (accounts and the organisation tree, not content);
 * - `roles`: holders of these roles in the organisation that owns the resource;
 * - `ancestorRoles`: holders of these roles in any organisation above it (leadership oversight);
 * - `anyUser`: every signed-in user (their own things).
 * The server check is the real one; the UI uses the same table only to hide what cannot be done.
 */
export type Rule = {
  admin?: boolean;
  roles?: readonly MembershipRole[];
  ancestorRoles?: readonly MembershipRole[];
  anyUser?: boolean;
};

const EVERY_ROLE = ['secretary', 'deputy_secretary', 'standing_member', 'committee_member', 'member', 'clerk'] as const;
const LEADERS = ['secretary', 'deputy_secretary'] as const;
const OVERSIGHT = ['secretary', 'deputy_secretary', 'standing_member', 'clerk'] as const;

export const permissions = {
  'account.manage': { anyUser: true },
  'organization.view': { roles: EVERY_ROLE, ancestorRoles: OVERSIGHT },
  'organization.roster.view': {
    roles: ['secretary', 'deputy_secretary', 'standing_member', 'committee_member', 'clerk'],
    ancestorRoles: OVERSIGHT,
  },
  'audit.view': { admin: true, roles: LEADERS, ancestorRoles: LEADERS },
  // Meetings. Seat holders and invitees take part whatever their role (lib/meetings/access.ts).
  'meeting.prepare': { roles: ['secretary', 'deputy_secretary', 'clerk'] },
  'meeting.approve': { roles: LEADERS },
  'meeting.oversee': { roles: ['secretary', 'deputy_secretary', 'standing_member', 'clerk'], ancestorRoles: OVERSIGHT },
  'meeting.participate': { roles: EVERY_ROLE },
  'meeting.statistics.view': { roles: ['secretary', 'deputy_secretary', 'standing_member', 'clerk'], ancestorRoles: OVERSIGHT },
  'programme.manage': { roles: ['secretary', 'deputy_secretary', 'clerk'] },
  // Votes. Who may cast is decided per ballot by its eligibility snapshot (lib/votes).
  'vote.manage': { roles: ['secretary', 'deputy_secretary', 'clerk'] },
  'vote.oversee': { roles: ['secretary', 'deputy_secretary', 'standing_member', 'clerk'], ancestorRoles: OVERSIGHT },
  // Resolutions and conclusions: the clerk drafts, a leader issues (numbers are given at issue).
  'resolution.draft': { roles: ['secretary', 'deputy_secretary', 'clerk'] },
  'resolution.issue': { roles: LEADERS },
  'resolution.view': { roles: EVERY_ROLE, ancestorRoles: OVERSIGHT },
  // Issuer codes and committee terms that document numbers are built from.
  'resolution.configure': { admin: true, roles: LEADERS },
  // Archive. Each record's audience narrows `archive.view` (lib/archive/access.ts).
  'archive.view': { roles: EVERY_ROLE, ancestorRoles: OVERSIGHT },
  'archive.view.restricted': {
    roles: ['secretary', 'deputy_secretary', 'standing_member', 'committee_member', 'clerk'],
    ancestorRoles: OVERSIGHT,
  },
  'archive.manage': { roles: ['secretary', 'deputy_secretary', 'clerk'], ancestorRoles: ['clerk'] },
  'archive.dispose': { roles: LEADERS },
  'admin.users.manage': { admin: true },
  'admin.organizations.manage': { admin: true },
  'admin.security.manage': { admin: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof permissions;

export type Principal = {
  isAdmin: boolean;
  memberships: readonly { organizationId: string; organizationPath: string; role: MembershipRole }[];
};

/** An organisation-owned resource, located by the owner's materialised path `/root/…/owner/`. */
export type Scope = { organizationPath: string };

function ownerId(path: string) {
  return path.split('/').filter(Boolean).at(-1);
}

export function can(principal: Principal | null | undefined, action: Action, scope?: Scope): boolean {
  if (!principal) return false;
  const rule: Rule = permissions[action];
  if (rule.anyUser) return true;
  if (rule.admin && principal.isAdmin) return true;
  if (!rule.roles && !rule.ancestorRoles) return false;
  return principal.memberships.some((m) => {
    if (!scope) return Boolean(rule.roles?.includes(m.role) || rule.ancestorRoles?.includes(m.role));
    if (m.organizationId === ownerId(scope.organizationPath)) return Boolean(rule.roles?.includes(m.role));
    return scope.organizationPath.startsWith(m.organizationPath) && Boolean(rule.ancestorRoles?.includes(m.role));
  });
}

/**
 * The same rule for lists, as SQL parts: organisation ids where the viewer holds an allowed role,
 * and path prefixes under which an ancestor role applies. See lib/auth/scope.ts.
 */
export function grantsFor(principal: Principal, action: Action) {
  const rule: Rule = permissions[action];
  const all = Boolean(rule.anyUser || (rule.admin && principal.isAdmin));
  const ownIds = principal.memberships.filter((m) => rule.roles?.includes(m.role)).map((m) => m.organizationId);
  const subtreePrefixes = principal.memberships
    .filter((m) => rule.ancestorRoles?.includes(m.role))
    .map((m) => m.organizationPath);
  return { all, ownIds: [...new Set(ownIds)], subtreePrefixes: [...new Set(subtreePrefixes)] };
}
