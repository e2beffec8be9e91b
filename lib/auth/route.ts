import 'server-only';
import type { NextRequest } from 'next/server';
import { nextAuth } from './config';

// Sign-in requests start in /admin/sign-in's server actions (rate limits, no mail to strangers);
// the library's own POST /api/auth/signin/* is closed so nothing goes around them.
const CLOSED = /^\/api\/auth\/signin(\/|$)/;

/** Handlers for app/api/auth/[...nextauth]: callbacks, sign-out (CSRF-checked), session, csrf. */
export const authRouteHandlers = {
  GET: (req: NextRequest) => nextAuth.handlers.GET(req),
  POST: (req: NextRequest) =>
    CLOSED.test(req.nextUrl.pathname)
      ? Response.json({ error: 'not_found', message: 'Request a sign-in link at /admin/sign-in.' }, { status: 404 })
      : nextAuth.handlers.POST(req),
};
