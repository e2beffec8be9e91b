import 'server-only';

/** A caller waited longer than the limiter's patience for its turn. */
export class QueueTimeout extends Error {
  constructor(patienceMs: number) {
    super(`no turn within ${patienceMs} ms`);
    this.name = 'QueueTimeout';
  }
}

export interface Limiter {
  /** Run `fn` once fewer than `max` calls are running; rejects with QueueTimeout if none frees in time. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * At most `max` calls at once in this process; the others wait their turn, first come first
 * served, each for at most `patienceMs`. A burst then queues here, where waiting costs nothing,
 * instead of inside the database pool, whose acquire timeout would turn a busy moment into errors.
 */
export function createLimiter(max: number, patienceMs: number | null): Limiter {
  let running = 0;
  const waiting: Array<{ start: () => void; timer: ReturnType<typeof setTimeout> | undefined }> = [];
  const release = () => {
    const next = waiting.shift();
    if (!next) {
      running--;
      return;
    }
    clearTimeout(next.timer);
    next.start(); // the turn passes straight on: `running` stays the same
  };
  return {
    async run(fn) {
      if (running < max) running++;
      else {
        await new Promise<void>((resolve, reject) => {
          const entry = {
            start: resolve,
            // null: wait as long as it takes (nothing downstream would time the wait out).
            timer:
              patienceMs === null
                ? undefined
                : setTimeout(() => {
                    waiting.splice(waiting.indexOf(entry), 1);
                    reject(new QueueTimeout(patienceMs));
                  }, patienceMs),
          };
          waiting.push(entry);
        });
      }
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
