/**
 * A parallel BFS worker thread: rebuilds the machine from the job and the shared visited set
 * from the buffers it is given, then does what the coordinator (./pbfs.ts) asks through an
 * `Explorer` (./explorer.ts), one reply per message.
 */
import { parentPort } from 'node:worker_threads';
import { match } from 'ts-pattern';
import { ARCHES } from '../../arch/index.js';
import { compileModel } from '../../core/compile.js';
import type { Machine } from '../../core/machine.js';
import { findScenario } from '../../scenarios/index.js';
import { loadCGrammar } from '../../c/grammar.js';
import { Explorer } from './explorer.js';
import type { FromWorker, ParallelJob, ToWorker } from './protocol.js';
import { SharedVisited } from './shared-visited.js';

function buildMachine(job: ParallelJob): Machine {
  const scenario = findScenario(job.scenario);
  if (scenario === undefined) throw new Error(`worker: unknown scenario ${job.scenario}`);
  return compileModel(scenario.build(job.variant, ARCHES[job.arch], job.cpus, job.memoryModel));
}

// A C model's job needs the C grammar (messages wait in the port until the listener is added).
await loadCGrammar();

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');
let explorer: Explorer | undefined;

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(m, transfer);
}

port.on('message', (m: ToWorker) => {
  match(m)
    .with({ kind: 'start' }, (s) => {
      const machine = buildMachine(s.job);
      const visited = new SharedVisited(machine.stateSize, s.id, s.arenas, s.table);
      const ctl = new Int32Array(s.control);
      explorer = new Explorer(machine, visited, ctl, s.arenas.length, s.deadline, s.job);
      if (s.id === 0) explorer.seed();
      const { count, violated } = explorer.ran();
      post({ kind: 'started', count, violated, words: visited.words, maxActions: machine.maxActions });
    })
    .with({ kind: 'run' }, (r) => {
      const e = explorer!;
      if (r.table !== null) e.useTable(r.table);
      if (!r.logEdges) e.dropEdges();
      e.run(r.level);
      post(e.ran());
    })
    .with({ kind: 'report' }, () => post(explorer!.report()))
    .with({ kind: 'densify' }, (d) => {
      explorer!.densify(d.offsets, d.canFinish);
      post({ kind: 'densified' });
    })
    .with({ kind: 'propagate' }, () => post({ kind: 'propagated', marked: explorer!.propagate() }))
    .with({ kind: 'edges' }, () => {
      const { adjacency, transfer } = explorer!.handOver();
      post({ kind: 'edges', adjacency }, transfer);
    })
    .exhaustive();
});
