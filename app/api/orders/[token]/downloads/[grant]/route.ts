import { errorSummary } from '@/lib/errors';
import { openDownload, type DownloadError } from '@/lib/fulfilment';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const STATUS: Record<DownloadError['kind'], number> = {
  'bad-link': 403,
  expired: 410,
  'not-found': 404,
  'not-paid': 403,
  'limit-reached': 403,
  'file-missing': 503,
};

const noStore = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

function text(status: number, message: string, extra: Record<string, string> = {}) {
  return new Response(`${message}\n`, { status, headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

/** `attachment` with the name as typed by the merchant: an ASCII fallback and the UTF-8 form (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A bought file, streamed. The link's signature, expiry, order (its token), payment and download
 * count are all checked by lib/fulfilment before a byte is sent; this handler maps the answer to HTTP.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string; grant: string }> }) {
  const { token, grant } = await params;
  const query = new URL(req.url).searchParams;
  let result: Awaited<ReturnType<typeof openDownload>>;
  try {
    result = await openDownload({ token, grantId: grant, expires: query.get('expires') ?? '', signature: query.get('signature') ?? '' });
  } catch (err) {
    console.error('[downloads] unavailable:', errorSummary(err));
    return text(503, 'Downloads are unavailable right now. Try again in a moment.', { 'Retry-After': '5' });
  }
  if (!result.ok)
    return text(STATUS[result.error.kind], result.error.message, result.error.kind === 'file-missing' ? { 'Retry-After': '60' } : {});
  const { file, fileName } = result.value;
  return new Response(file.stream(), {
    headers: {
      ...noStore,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.size),
      'Content-Disposition': attachment(fileName),
    },
  });
}
