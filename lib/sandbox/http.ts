import 'server-only';
import { isSandboxActive } from '@/lib/cryptocloud';
import { checkApiKey } from './auth';
import { sandboxCredentials } from './credentials';

// Response helpers shared by the sandbox's route handlers.

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

/** The API's error envelope: `{"status":"error","result":{...}}`. */
export function apiError(result: Record<string, string>, status = 400): Response {
  return json({ status: 'error', result }, status);
}

export function notFound(): Response {
  return json({ detail: 'Not Found' }, 404);
}

export function methodNotAllowed(): Response {
  return json({ detail: 'Method Not Allowed' }, 405, { allow: 'POST' });
}

/**
 * The gate in front of every sandbox endpoint: 404 while the sandbox is refused (real keys, or a
 * production deployment without CRYPTOCLOUD_SANDBOX=on), 405 for anything but POST, 401 for a
 * missing or wrong `Authorization: Token <key>`. Returns null when the request may proceed.
 */
export async function gate(request: Request): Promise<Response | null> {
  if (!isSandboxActive()) return notFound();
  if (request.method !== 'POST') return methodNotAllowed();
  const failure = checkApiKey(request.headers.get('authorization'), (await sandboxCredentials()).apiKey);
  if (failure === 'bad-signature') return json({ detail: 'Signature verification failed' }, 401);
  if (failure === 'unauthorized') return apiError({ authorization: 'Unauthorized request.' }, 401);
  return null;
}

/**
 * A request body as a plain object: JSON, or form fields (some old clients post form bodies). A
 * body that parses as a JSON object is read as JSON whatever its Content-Type (`curl -d '{…}'`
 * sends it as form-encoded). An unreadable or non-object body reads as `{}`, so the endpoint
 * reports its fields as not passed.
 */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: maybe form fields
  }
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  return {};
}
