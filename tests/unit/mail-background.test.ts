import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';

const deliverDueMail = vi.fn(async () => ({}));
vi.mock('@/lib/mail/outbox', () => ({ deliverDueMail }));
const { startBackgroundMailSender } = await import('@/lib/mail/background');

const saved = { ...process.env };
const g = globalThis as unknown as { __storefrontMailSender?: ReturnType<typeof setInterval> };

function start(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  return startBackgroundMailSender();
}

beforeEach(() => {
  vi.useFakeTimers();
  deliverDueMail.mockClear();
});
afterEach(() => {
  if (g.__storefrontMailSender) clearInterval(g.__storefrontMailSender);
  g.__storefrontMailSender = undefined;
  vi.useRealTimers();
  process.env = { ...saved };
  resetEnvCache();
});

describe('the background mail sender', () => {
  it('delivers due mail every 30 s by default, once per process', async () => {
    expect(start({ MAIL_SEND_INTERVAL_SECONDS: undefined, VERCEL: undefined })).toBe(true);
    expect(start({ MAIL_SEND_INTERVAL_SECONDS: undefined, VERCEL: undefined })).toBe(false);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(deliverDueMail).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliverDueMail).toHaveBeenCalledTimes(1);
  });

  it('MAIL_SEND_INTERVAL_SECONDS sets the interval; 0 turns it off (the cron route delivers), as does Vercel', async () => {
    expect(start({ MAIL_SEND_INTERVAL_SECONDS: '5', VERCEL: undefined })).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(deliverDueMail).toHaveBeenCalledTimes(2);
    clearInterval(g.__storefrontMailSender);
    g.__storefrontMailSender = undefined;
    deliverDueMail.mockClear();

    expect(start({ MAIL_SEND_INTERVAL_SECONDS: '0', VERCEL: undefined })).toBe(false);
    expect(start({ MAIL_SEND_INTERVAL_SECONDS: undefined, VERCEL: '1' })).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(deliverDueMail).not.toHaveBeenCalled();
    expect(() => start({ MAIL_SEND_INTERVAL_SECONDS: 'often' })).toThrow(/MAIL_SEND_INTERVAL_SECONDS/);
  });
});
