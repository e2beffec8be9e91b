import { authRouteHandlers } from '@/lib/auth';

// Auth.js endpoints: sign-in link and OAuth callbacks, sign-out (CSRF-checked), session, csrf.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const { GET, POST } = authRouteHandlers;
