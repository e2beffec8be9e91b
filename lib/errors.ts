/**
 * A short, single-line description of an error for logs: the underlying driver message rather
 * than drizzle's "Failed query: … params: …" wrapper, which would copy request data (tokens) into logs.
 */
export function errorSummary(err: unknown): string {
  const root = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const message = root instanceof Error ? root.message || root.name : String(root);
  return message.split('\n')[0]!.slice(0, 200);
}
