/**
 * The one result shape of the domain: failures that a caller is expected to handle (a refused
 * checkout, a gateway that said no) are values with a `kind`, never exceptions. Only truly
 * unexpected failures throw; the boundaries (routes, actions, pages) map both to answers.
 */
export type Result<T, E = { kind: string; message: string }> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
