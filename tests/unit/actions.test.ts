import { redirect } from 'next/navigation';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';

const schema = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'Enter a valid email address.' })),
  quantity: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().max(99)),
  key: z.string().min(16, 'This form has expired. Reload the page.'),
});

const form = (entries: Array<[string, string | Blob]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const good: Array<[string, string]> = [
  ['email', 'a@example.com'],
  ['quantity', '3'],
  ['key', 'k'.repeat(20)],
];

describe('validatedAction', () => {
  it('passes parsed data and ignores Next’s own $ACTION fields', async () => {
    const fn = vi.fn(async (data: z.output<typeof schema>) => ({ ok: true, message: `${data.email} ×${data.quantity}` }));
    const action = validatedAction(schema, fn);
    const r = await action({}, form([['$ACTION_REF_1', ''], ['$ACTION_KEY', 'x'], ...good]));
    expect(r).toEqual({ ok: true, message: 'a@example.com ×3' });
    expect(fn).toHaveBeenCalledOnce();
  });

  it('returns field errors in the schema’s words, the typed values, and never zod’s internals', async () => {
    const fn = vi.fn();
    const action = validatedAction(schema, fn, { fields: ['email', 'quantity'] });
    const r = await action(
      {},
      form([
        ['email', 'nope'],
        ['quantity', '99999999999999999999'],
        ['key', 'short'],
      ]),
    );
    expect(fn).not.toHaveBeenCalled();
    expect(r).toEqual({
      ok: false,
      message: 'This form has expired. Reload the page.',
      fieldErrors: { email: 'Enter a valid email address.', quantity: 'Check this field.' },
      values: { email: 'nope', quantity: '99999999999999999999', key: 'short' },
    });
  });

  it('refuses a field sent twice or a file, changing nothing', async () => {
    const fn = vi.fn();
    const action = validatedAction(schema, fn);
    for (const f of [form([...good, ['quantity', '4']]), form([...good, ['upload', new Blob(['x'])]])]) {
      expect(await action({}, f)).toMatchObject({ ok: false, message: expect.stringContaining('unexpected way') });
    }
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a call that brings no FormData (a hand-made POST naming only the action id)', async () => {
    const fn = vi.fn();
    const action = validatedAction(schema, fn) as unknown as (...args: unknown[]) => Promise<unknown>;
    expect(await action(form(good))).toMatchObject({ ok: false, message: expect.stringContaining('unexpected way') });
    expect(fn).not.toHaveBeenCalled();
  });

  it('caps echoed values so a huge field is not sent back', async () => {
    const r = await validatedAction(schema, vi.fn())({}, form([['email', 'x'.repeat(100_000)]]));
    expect(r.values?.email).toHaveLength(1_000);
  });

  it('turns an unexpected failure into a retryable message, and lets redirects through', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failing = validatedAction(schema, async () => {
        throw new Error('connection refused');
      });
      expect(await failing({}, form(good))).toMatchObject({ ok: false, message: expect.stringContaining('Nothing was changed') });
      expect(spy).toHaveBeenCalledWith('[action]', 'connection refused');
    } finally {
      spy.mockRestore();
    }
    const redirecting = validatedAction(schema, async () => redirect('/orders/x'));
    await expect(redirecting({}, form(good))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });
});
