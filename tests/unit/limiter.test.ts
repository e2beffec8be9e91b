import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLimiter, QueueTimeout } from '@/lib/limiter';

/** A task the test finishes by hand, recording when it started. */
function task(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe('createLimiter', () => {
  it('runs at most `max` at once and the rest in arrival order, each as a turn frees', async () => {
    const limiter = createLimiter(2, 60_000);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => task(started, n));
    const results = tasks.map((t) => limiter.run(t.run));
    await settle();
    expect(started).toEqual(['a', 'b']);
    tasks[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failing call frees its turn', async () => {
    const limiter = createLimiter(1, 60_000);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('gives up on a caller that waited longer than its patience, and keeps serving the others', async () => {
    vi.useFakeTimers();
    const limiter = createLimiter(1, 1_000);
    const started: string[] = [];
    const first = task(started, 'first');
    const running = limiter.run(first.run);
    const waiting = limiter.run(async () => 'too late');
    const rejected = expect(waiting).rejects.toBeInstanceOf(QueueTimeout);
    await vi.advanceTimersByTimeAsync(1_001);
    await rejected;
    const next = limiter.run(async () => 'next');
    first.finish();
    expect(await running).toBe('first');
    expect(await next).toBe('next');
  });
});
