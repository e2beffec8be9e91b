import 'server-only';
import { env } from '@/lib/env';

/**
 * Headers for a request the shop sends to itself: the sandbox's API calls and postbacks go to
 * APP_URL, and on a Vercel preview behind Deployment Protection they would meet the login page.
 * Vercel puts the project's automation bypass secret in VERCEL_AUTOMATION_BYPASS_SECRET; it is sent
 * only to this shop's own origin, never elsewhere.
 */
export function selfRequestHeaders(url: string): Record<string, string> {
  const e = env();
  const secret = e.VERCEL_AUTOMATION_BYPASS_SECRET;
  if (!secret) return {};
  try {
    if (new URL(url).origin !== new URL(e.APP_URL).origin) return {};
  } catch {
    return {};
  }
  return { 'x-vercel-protection-bypass': secret };
}
