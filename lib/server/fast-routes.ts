import 'server-only';
import { POST as castBallot } from '@/app/api/v1/ballots/[ballotId]/route';
import type { FastRoute } from './fast-path';

/**
 * The app's routes that the web server (lib/cli/serve.ts) answers before Next's pipeline, each
 * at the same path as its route file under app/, so both serve it the same way.
 */
export const FAST_ROUTES: FastRoute[] = [
  // A whole committee votes within the same second (bench/vote.ts).
  { method: 'POST', path: /^\/api\/v1\/ballots\/(?<ballotId>[^/]+)$/, serve: castBallot.serve },
];
