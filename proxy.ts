import { NextResponse } from 'next/server';
import { securityHeaders } from '@/lib/http/security-headers';

/**
 * Runs before every page and route handler (static files excluded): adds the security headers
 * that depend on the running configuration (CSP with the pay origins, HSTS).
 */
export function proxy() {
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
