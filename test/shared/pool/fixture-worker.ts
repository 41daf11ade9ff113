/** A pool task module for the pool's own tests: echoes, throws, or kills its thread. */
import { parentPort } from 'node:worker_threads';

export interface FixtureTask { mode: 'echo' | 'throw' | 'exit' | 'crash-later'; value?: unknown }

export default async function run(task: FixtureTask): Promise<unknown> {
  if (task.mode === 'throw') throw new Error('fixture task failed on purpose');
  if (task.mode === 'exit') process.exit(3);
  if (task.mode === 'crash-later') {
    setTimeout(() => { throw new Error('uncaught in the worker'); }, 5);
    return new Promise(() => undefined);
  }
  return { echoed: task.value, inWorker: parentPort !== null };
}
