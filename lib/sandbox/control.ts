import 'server-only';
import { z } from 'zod';
import { isSandboxActive, normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { apiError, gate, json, notFound, readBody } from './http';
import { invoiceInfoView } from './invoice-view';
import { simulateLatePayment } from './late-payment';
import { sandboxProject } from './project';
import { resendPostback, simulateExpiry, simulatePayment, type SimulationResult } from './simulate';

// Sandbox-only control API, for tests and scripts that drive a payment without the pay page:
//   POST /api/sandbox/cryptocloud/control/invoices/{uuid}/pay   {"outcome":"paid"|"partial"|"overpaid"}
//   POST …/{uuid}/expire · POST …/{uuid}/resend-postback
//   POST …/{uuid}/pay-late (an expired invoice confirmed paid after all: money after the order expired)
// Same `Authorization: Token <sandbox key>` as the API. 200 {"status":"success","result":
// {"invoice": <info object>, "postback": <delivery result or null>}}; 404 unknown invoice;
// 409 when the invoice's status does not allow the action.

const outcomeSchema = z.object({ outcome: z.enum(['paid', 'partial', 'overpaid']) });

type Action = (uuid: string, request: Request) => Promise<SimulationResult | Response>;

const actions: Record<string, Action> = {
  pay: async (uuid, request) => {
    const body = outcomeSchema.safeParse(await readBody(request));
    if (!body.success) return apiError({ outcome: 'Invalid value outcome.' });
    return simulatePayment(uuid, body.data.outcome);
  },
  expire: (uuid) => simulateExpiry(uuid),
  'resend-postback': (uuid) => resendPostback(uuid),
  'pay-late': (uuid) => simulateLatePayment(uuid),
};

/** Serve `/api/sandbox/cryptocloud/control/invoices/{uuid}/{action}` (uuid with or without INV-). */
export async function handleSandboxControl(request: Request, rawUuid: string, action: string): Promise<Response> {
  if (!isSandboxActive()) return notFound();
  const run = actions[action];
  if (!run) return notFound();
  const denied = await gate(request);
  if (denied) return denied;
  const uuid = normalizeInvoiceUuid(rawUuid);
  if (!uuid) return apiError({ validate_error: 'Invoice not found' }, 404);
  const result = await run(uuid, request);
  if (result instanceof Response) return result;
  if (!result.ok) {
    return result.error.kind === 'not-found'
      ? apiError({ validate_error: 'Invoice not found' }, 404)
      : apiError({ validate_error: `Invoice is ${result.error.invoice.status}: cannot ${action}` }, 409);
  }
  return json({
    status: 'success',
    result: { invoice: invoiceInfoView(result.value.invoice, sandboxProject()), postback: result.value.postback },
  });
}
