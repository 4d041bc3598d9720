/**
 * The parallel BFS's worker threads, and the one way the coordinator talks to them: send a
 * message to every worker and wait for each one's reply of the expected kind.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

type Reply<K extends FromWorker['kind']> = Extract<FromWorker, { kind: K }>;

export class WorkerPool {
  private readonly workers: Worker[];

  constructor(readonly size: number) {
    // Under vitest/tsx the sources are .ts: a plain-JS bootstrap registers tsx, then loads them.
    const ts = import.meta.url.endsWith('.ts');
    const url = new URL(ts ? './worker-tsx.mjs' : './worker.js', import.meta.url);
    this.workers = Array.from({ length: size }, () => new Worker(url));
  }

  /** Sends `message(w)` to each worker w and waits for all replies (rejects if a worker fails). */
  all<K extends FromWorker['kind']>(message: ToWorker | ((w: number) => ToWorker), kind: K): Promise<Reply<K>[]> {
    return Promise.all(this.workers.map((w, id) => ask(w, typeof message === 'function' ? message(id) : message, kind)));
  }

  terminate(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function ask<K extends FromWorker['kind']>(w: Worker, m: ToWorker, kind: K): Promise<Reply<K>> {
  const reply = once(w, 'message');
  w.postMessage(m);
  const [r] = (await reply) as [FromWorker];
  if (r.kind !== kind) throw new Error(`parallel BFS: expected '${kind}' from a worker, got '${r.kind}'`);
  return r as Reply<K>;
}
