import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { securityHeaders } from '@/lib/http/security-headers';
import { refuseMalformedActionBody, refuseServerAction } from '@/lib/http/server-action-guard';

/**
 * Runs before every page and route handler (static files excluded): answers forged, oversized or
 * unreadable server-action requests with 403/413/415/400 (Next refuses them too, but with a 500), and adds the
 * security headers that depend on the running configuration (CSP with the pay origins, HSTS).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const refusal =
    refuseServerAction(request.method, pathname, request.headers, env().SERVER_ACTIONS_ALLOWED_ORIGINS) ??
    (await refuseMalformedActionBody(request, pathname));
  const response = refusal
    ? new NextResponse(`${refusal.reason}\n`, { status: refusal.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    : NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
