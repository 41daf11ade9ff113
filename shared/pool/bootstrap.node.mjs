// The entry every pool worker starts from (shared/pool/worker-pool.node.ts). It loads the
// task module named in workerData. Our code is TypeScript run through tsx; a worker thread
// does not always inherit tsx's loader (under vitest it never does), so when Node cannot
// load a .ts module the loader is registered here, in this thread, and the import retried.
import { workerData } from 'node:worker_threads';

const target = workerData?.poolModule;
if (typeof target !== 'string') throw new Error('pool worker started without workerData.poolModule');

async function load() {
  try {
    return await import(target);
  } catch (e) {
    if (!target.endsWith('.ts') || e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    const { register } = await import('tsx/esm/api');
    register();
    // A new URL: the failed import of `target` stays cached in this thread's module map.
    return import(`${target}?tsx`);
  }
}

const mod = await load();
if (typeof mod.default !== 'function') throw new Error(`pool module ${target} has no default export function`);
export default mod.default;
