import type { Role } from './support';

/**
 * Every route and server action with the demo roles allowed to use it. The completeness test
 * (access-matrix-complete.test.ts) fails when a page, route handler or action exists that is not
 * listed here; the e2e spec (access-matrix.spec.ts) checks each role against each entry over HTTP.
 */
export const EVERYONE: Role[] = ['admin', 'secretary', 'deputy', 'clerk', 'member'];
const MEMBERS_OF_THE_TREE: Role[] = ['secretary', 'deputy', 'clerk', 'member'];
const ADMIN: Role[] = ['admin'];
const DISTRICT_OFFICE: Role[] = ['secretary', 'deputy', 'clerk'];
const LEADERS: Role[] = ['secretary', 'deputy'];
const cellMeeting = { meetingId: 'upcomingCellMeeting' } as const;

/** Dynamic segments are filled with these seeded records (looked up in the e2e database). */
export type Sample =
  | 'memberCell'
  | 'memberUser'
  | 'upcomingCellMeeting' // next month's meeting of the member's cell (invitations sent)
  | 'approvedMinutesMeeting' // the cell meeting whose minutes (version 1) are approved
  | 'meetingDocument' // the draft resolution attached to the upcoming cell meeting
  | 'firstVersion'
  | 'districtProgramme'; // the standing committee's work programme of Huyện ủy Kim Bảng

export type RouteEntry = {
  allow: Role[] | 'public';
  params?: Record<string, Sample>;
  query?: string;
  /** A never-ending response (Server-Sent Events): only the status is read. */
  stream?: boolean;
};

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
  '/meetings': { allow: EVERYONE },
  '/meetings/new': { allow: DISTRICT_OFFICE },
  // A meeting of the member's cell: its members, and the district leadership and office above it.
  '/meetings/[meetingId]': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/meetings/[meetingId]/agenda': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/meetings/[meetingId]/pack': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/meetings/[meetingId]/room': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/meetings/[meetingId]/minutes': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/notifications': { allow: EVERYONE },
  '/programmes': { allow: DISTRICT_OFFICE },
  '/programmes/[programmeId]': { allow: DISTRICT_OFFICE, params: { programmeId: 'districtProgramme' } },
  '/statistics/attendance': { allow: DISTRICT_OFFICE },
  '/api/v1/meetings': { allow: MEMBERS_OF_THE_TREE },
  '/api/v1/meetings/[meetingId]': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/api/v1/meetings/[meetingId]/agenda': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/api/v1/meetings/[meetingId]/attendance': { allow: DISTRICT_OFFICE, params: cellMeeting },
  '/api/meetings/[meetingId]/events': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting, stream: true },
  '/api/meetings/[meetingId]/pack': { allow: MEMBERS_OF_THE_TREE, params: cellMeeting },
  '/api/meetings/[meetingId]/documents/[documentId]': {
    allow: MEMBERS_OF_THE_TREE,
    params: { meetingId: 'upcomingCellMeeting', documentId: 'meetingDocument' },
  },
  '/api/meetings/[meetingId]/minutes/[version]': {
    allow: MEMBERS_OF_THE_TREE,
    params: { meetingId: 'approvedMinutesMeeting', version: 'firstVersion' },
  },
  '/api/meetings/[meetingId]/attendance/export': { allow: DISTRICT_OFFICE, params: cellMeeting, query: 'format=xlsx' },
  // — Votes and written questions (issue 4) —
  // — Resolutions (issue 4) —
  // — Archive: records, viewer, downloads (issue 5) —
  // — Archive: search (issue 5) —
  // — Archive: uploads and storage (issue 5) —
  // — Archive: ingest jobs (issue 5) —
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
  // Meetings: the role gate; each action then decides for the specific meeting (lib/meetings/access.ts).
  'app/(portal)/meetings/actions.ts#createMeeting': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/actions.ts#updateMeeting': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/actions.ts#rescheduleMeeting': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/actions.ts#addGuest': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/actions.ts#removeGuest': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/actions.ts#sendInvitations': LEADERS,
  'app/(portal)/meetings/[meetingId]/actions.ts#cancelMeeting': LEADERS,
  'app/(portal)/meetings/[meetingId]/actions.ts#openMeeting': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/actions.ts#closeMeeting': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/actions.ts#replyToMeeting': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#addAgendaItem': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#updateAgendaItem': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#deleteAgendaItem': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#moveAgendaItem': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#uploadMeetingDocument': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/agenda/actions.ts#removeMeetingDocument': DISTRICT_OFFICE,
  'app/(portal)/meetings/[meetingId]/minutes/actions.ts#generateMinutes': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/minutes/actions.ts#saveMinutes': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/minutes/actions.ts#approveMinutes': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/minutes/actions.ts#correctMinutes': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#checkIn': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#requestToSpeak': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#withdrawRequest': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#moveAgenda': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#giveFloor': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#endSpeech': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#markAttendance': MEMBERS_OF_THE_TREE,
  'app/(portal)/notifications/actions.ts#markAllRead': EVERYONE,
  'app/(portal)/programmes/actions.ts#createProgrammeAction': DISTRICT_OFFICE,
  'app/(portal)/programmes/actions.ts#addProgrammeItemAction': DISTRICT_OFFICE,
  'app/(portal)/programmes/actions.ts#removeProgrammeItemAction': DISTRICT_OFFICE,
  'app/(portal)/programmes/actions.ts#generateProgrammeMeetings': DISTRICT_OFFICE,
  // — Votes and written questions (issue 4) —
  // — Resolutions (issue 4) —
  // — Archive: records, viewer, downloads (issue 5) —
  // — Archive: search (issue 5) —
  // — Archive: uploads and storage (issue 5) —
  // — Archive: ingest jobs (issue 5) —
};
