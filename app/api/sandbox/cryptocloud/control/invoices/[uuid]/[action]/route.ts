import 'server-only';
import { handleSandboxControl } from '@/lib/sandbox/control';

// Sandbox-only controls: pay (paid | partial | overpaid), expire, resend-postback.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// Paying awaits the first postback delivery to the shop (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

type Context = { params: Promise<{ uuid: string; action: string }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { uuid, action } = await params;
  return handleSandboxControl(request, uuid, action);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
