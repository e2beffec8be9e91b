import 'server-only';
import { isCsrfOriginAllowed } from 'next/dist/server/app-render/csrf-protection';

/** Next's default serverActions.bodySizeLimit (1 MB), which next.config.js keeps. */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413 | 415; reason: string };

/**
 * Refuse, before Next runs it, a server-action request that Next would refuse anyway but answer
 * with a 500: a foreign or `null` Origin, or a declared body over the action limit. Server actions
 * are POSTs to page paths (a fetch call names the action in `Next-Action`; a form posted without
 * JavaScript names it in the body), so every POST outside /api/ is checked. The origin rule is
 * Next's: the Origin's host must equal X-Forwarded-Host (else Host) or match `allowedOrigins`
 * (Next's own matcher), and a request with no Origin (not a browser) passes, as it does in Next.
 * A body without Content-Length is left to Next's own limit.
 */
export function refuseServerAction(method: string, pathname: string, headers: Headers, allowedOrigins: string[]): Refusal | null {
  if (method !== 'POST' || pathname === '/api' || pathname.startsWith('/api/')) return null;
  const origin = headers.get('origin');
  if (origin === 'null') {
    return { status: 403, reason: 'Origin "null" (a sandboxed frame or a privacy-restricted page) may not call this site\'s actions.' };
  }
  if (origin !== null) {
    const originHost = URL.canParse(origin) ? new URL(origin).host : null;
    const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
    if (originHost === null) return { status: 403, reason: 'Malformed Origin header.' };
    if (originHost !== host && !isCsrfOriginAllowed(originHost, allowedOrigins)) {
      return { status: 403, reason: `Origin ${originHost} may not call actions of ${host ?? 'this site'}.` };
    }
  }
  if (Number(headers.get('content-length')) > SERVER_ACTION_BODY_LIMIT) {
    return { status: 413, reason: `Request bodies of server actions are limited to ${SERVER_ACTION_BODY_LIMIT} bytes.` };
  }
  return null;
}

const isActionPath = (method: string, pathname: string) => method === 'POST' && pathname !== '/api' && !pathname.startsWith('/api/');

/**
 * Refuse a server-action body that Next's decoder would choke on with a 500: a fetch call (it names
 * the action in `Next-Action`) must send its arguments as React encodes them, JSON text or
 * multipart form data; a form posted without JavaScript must be a readable multipart body. Reads a
 * copy of the body (the route still gets the original); called after `refuseServerAction`, so the
 * declared size is already within the limit.
 */
export async function refuseMalformedActionBody(request: Request, pathname: string): Promise<Refusal | null> {
  if (!isActionPath(request.method, pathname)) return null;
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const isFetchCall = request.headers.has('next-action');
  if (isFetchCall && mediaType !== 'text/plain' && mediaType !== 'multipart/form-data') {
    return { status: 415, reason: 'Server actions take text/plain or multipart/form-data bodies.' };
  }
  if (mediaType === 'multipart/form-data') {
    try {
      await request.clone().formData();
    } catch {
      return { status: 400, reason: 'The form data could not be read.' };
    }
    return null;
  }
  if (!isFetchCall) return null;
  const text = await request.clone().text();
  try {
    JSON.parse(text);
  } catch {
    return { status: 400, reason: text === '' ? 'The action call has no arguments.' : 'The action arguments are not valid JSON.' };
  }
  return null;
}
