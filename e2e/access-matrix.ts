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
  | 'districtProgramme' // the standing committee's work programme of Huyện ủy Kim Bảng
  | 'cellWrittenQuestion' // the open written question of the member's cell (db/seed/votes.ts)
  | 'cellClosedBallot' // the closed vote on the monthly resolution of the cell's latest meeting
  | 'issuedCellResolution' // the first issued monthly resolution of the member's cell
  | 'archiveRecord' // the seeded resolution 03-NQ/CB of the member's cell (file and page images)
  | 'firstPage';

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
  // Written questions: members of the body see theirs; vote.manage / vote.oversee see those of
  // their organisations (the district office oversees the cell). Casting is decided per ballot.
  '/votes': { allow: EVERYONE },
  '/votes/new': { allow: DISTRICT_OFFICE },
  '/votes/[ballotId]': { allow: MEMBERS_OF_THE_TREE, params: { ballotId: 'cellWrittenQuestion' } },
  '/api/v1/ballots/[ballotId]': { allow: MEMBERS_OF_THE_TREE, params: { ballotId: 'cellWrittenQuestion' } },
  '/api/v1/ballots/[ballotId]/results': { allow: MEMBERS_OF_THE_TREE, params: { ballotId: 'cellClosedBallot' } },
  // The voter list (with who voted how for named votes): those who run, prepare, manage or oversee.
  '/api/ballots/[ballotId]/export': { allow: DISTRICT_OFFICE, params: { ballotId: 'cellClosedBallot' }, query: 'format=xlsx' },
  // — Resolutions (issue 4) —
  // Issued documents of the member's cell: its members, and the district leadership and office above it.
  '/resolutions': { allow: MEMBERS_OF_THE_TREE },
  '/resolutions/new': { allow: DISTRICT_OFFICE },
  '/resolutions/settings': { allow: ['admin', 'secretary', 'deputy'] },
  '/resolutions/[resolutionId]': { allow: MEMBERS_OF_THE_TREE, params: { resolutionId: 'issuedCellResolution' } },
  '/api/v1/resolutions': { allow: MEMBERS_OF_THE_TREE },
  '/api/v1/resolutions/[resolutionId]': { allow: MEMBERS_OF_THE_TREE, params: { resolutionId: 'issuedCellResolution' } },
  '/api/resolutions/[resolutionId]/pdf': { allow: MEMBERS_OF_THE_TREE, params: { resolutionId: 'issuedCellResolution' } },
  // — Archive: records, viewer, downloads (issue 5) —
  '/archive/new': { allow: DISTRICT_OFFICE },
  '/archive/disposals': { allow: DISTRICT_OFFICE },
  // A record of the member's cell: its members, and the district leadership and office above it.
  '/archive/[recordId]': { allow: MEMBERS_OF_THE_TREE, params: { recordId: 'archiveRecord' } },
  '/api/v1/documents/[recordId]': { allow: MEMBERS_OF_THE_TREE, params: { recordId: 'archiveRecord' } },
  '/api/v1/documents/[recordId]/download': { allow: MEMBERS_OF_THE_TREE, params: { recordId: 'archiveRecord' } },
  '/api/v1/documents/[recordId]/previews/[page]': { allow: MEMBERS_OF_THE_TREE, params: { recordId: 'archiveRecord', page: 'firstPage' } },
  // — Archive: search (issue 5) —
  '/archive': { allow: MEMBERS_OF_THE_TREE },
  '/api/v1/documents': { allow: MEMBERS_OF_THE_TREE, query: 'q=nghi+quyet' },
  // — Archive: uploads and storage (issue 5) —
  // tus (POST/HEAD/PATCH/DELETE, no GET; skipped by the spec like every catch-all): archive.manage
  // anywhere. Checked per role by app/api/v1/documents/uploads/[[...path]]/route.test.ts.
  '/api/v1/documents/uploads/[[...path]]': { allow: DISTRICT_OFFICE },
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
  // Opening and closing in the room (members cast through /api/v1/ballots): decided inside by the meeting and ballot rules.
  'app/(portal)/meetings/[meetingId]/room/actions.ts#openBallot': MEMBERS_OF_THE_TREE,
  'app/(portal)/meetings/[meetingId]/room/actions.ts#closeBallot': MEMBERS_OF_THE_TREE,
  'app/(portal)/votes/actions.ts#createWrittenQuestion': DISTRICT_OFFICE,
  'app/(portal)/votes/actions.ts#answerWrittenQuestion': MEMBERS_OF_THE_TREE,
  'app/(portal)/votes/actions.ts#closeWrittenQuestion': DISTRICT_OFFICE,
  'app/(portal)/admin/organizations/actions.ts#updateVoteSettings': ADMIN,
  // — Resolutions (issue 4) —
  // The role gate; each action then decides for the document's organisation (lib/resolutions/access.ts).
  'app/(portal)/resolutions/actions.ts#createResolution': DISTRICT_OFFICE,
  'app/(portal)/resolutions/[resolutionId]/actions.ts#updateResolution': DISTRICT_OFFICE,
  'app/(portal)/resolutions/[resolutionId]/actions.ts#deleteResolutionDraft': DISTRICT_OFFICE,
  'app/(portal)/resolutions/[resolutionId]/actions.ts#reserveResolutionNumber': DISTRICT_OFFICE,
  'app/(portal)/resolutions/[resolutionId]/actions.ts#abandonResolutionNumber': DISTRICT_OFFICE,
  'app/(portal)/resolutions/[resolutionId]/actions.ts#issueResolution': LEADERS,
  'app/(portal)/resolutions/settings/actions.ts#saveIssuerSettings': ['admin', 'secretary', 'deputy'],
  'app/(portal)/resolutions/settings/actions.ts#addCommitteeTerm': ['admin', 'secretary', 'deputy'],
  'app/(portal)/resolutions/settings/actions.ts#updateCommitteeTerm': ['admin', 'secretary', 'deputy'],
  'app/(portal)/resolutions/settings/actions.ts#deleteCommitteeTerm': ['admin', 'secretary', 'deputy'],
  // — Archive: records, viewer, downloads (issue 5) —
  // The role gate; each action then decides for the organisation or record (lib/archive/access.ts).
  'app/(portal)/archive/new/actions.ts#createArchiveRecord': DISTRICT_OFFICE,
  'app/(portal)/archive/[recordId]/actions.ts#updateArchiveRecord': DISTRICT_OFFICE,
  'app/(portal)/archive/[recordId]/actions.ts#addArchiveVersion': DISTRICT_OFFICE,
  'app/(portal)/archive/[recordId]/actions.ts#setArchiveHold': DISTRICT_OFFICE,
  'app/(portal)/archive/[recordId]/actions.ts#retryArchiveExtraction': DISTRICT_OFFICE,
  'app/(portal)/archive/disposals/actions.ts#proposeArchiveDisposal': DISTRICT_OFFICE,
  'app/(portal)/archive/disposals/actions.ts#decideArchiveDisposal': LEADERS,
  // — Archive: search (issue 5) —
  // — Archive: uploads and storage (issue 5) —
  // — Archive: ingest jobs (issue 5) —
};
