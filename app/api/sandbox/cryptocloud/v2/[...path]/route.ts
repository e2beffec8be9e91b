import 'server-only';
import { handleSandboxApi } from '@/lib/sandbox/api';

// The built-in CryptoCloud v2 emulator; every method reaches the handler so that a refused
// sandbox answers 404 and a live one 405 for anything but POST.
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  return handleSandboxApi(request, (await params).path);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
