/**
 * Live progress for long runs: states, states/s, depth and queue on one refreshing stderr line
 * when stderr is a terminal; nothing otherwise (logs stay quiet).
 */
import type { Progress } from '../engines/result.js';

export interface ProgressReporter {
  readonly update: (p: Progress) => void;
  readonly done: () => void;
}

export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = stream.isTTY === true;
  let shown = false;
  return {
    update: (p) => {
      if (!tty) return;
      const rate = p.seconds > 0 ? Math.round(p.states / p.seconds) : 0;
      const mem = Math.round(process.memoryUsage().rss / 2 ** 20);
      stream.write(`\r\x1b[K${label}: ${p.states} states, ${rate}/s, depth ${p.depth}, queue ${p.queue}, ${mem} MiB`);
      shown = true;
    },
    done: () => {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
