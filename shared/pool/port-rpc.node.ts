/**
 * Calls from a pool thread back to the main thread over a task's MessagePort: the thread
 * asks (`portCaller`), the main thread answers with its own functions (`serveCalls`). What
 * only the main thread may hold or reach — a signing key, the store, the network caches —
 * stays there; the thread gets answers, as structured-clone data.
 *
 * Errors cross as data and come back as the same AppError (code, status, details), or as
 * an Error with the same message and `code`, so a thread's code branches on them exactly
 * as it would on the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../errors.js';

interface Call { id: number; op: string; arg: unknown }
interface Reply { id: number; value?: unknown; error?: ErrorData }

/** An error as plain data, to cross a thread boundary. */
export interface ErrorData {
  app: boolean;
  code?: string;
  message: string;
  status?: number;
  details?: unknown;
}

export function toErrorData(e: unknown): ErrorData {
  if (e instanceof AppError) {
    return { app: true, code: e.code, message: e.message, ...(e.status === undefined ? {} : { status: e.status }), ...(e.details === undefined ? {} : { details: e.details }) };
  }
  const code = (e as { code?: unknown } | null)?.code;
  return { app: false, message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
}

export function fromErrorData(d: ErrorData): Error {
  if (d.app) return new AppError(d.code ?? 'INTERNAL_ERROR', d.message, { ...(d.status === undefined ? {} : { status: d.status }), ...(d.details === undefined ? {} : { details: d.details }) });
  return Object.assign(new Error(d.message), d.code === undefined ? {} : { code: d.code });
}

/** Main thread: answers the calls arriving on `port` with `handlers[op](arg)`. */
export function serveCalls(port: MessagePort, handlers: Record<string, (arg: never) => unknown>): void {
  port.on('message', (call: Call) => {
    const handler = handlers[call.op];
    void (async (): Promise<Reply> => {
      try {
        if (!handler) throw new Error(`no handler for ${call.op}`);
        return { id: call.id, value: await handler(call.arg as never) };
      } catch (e) {
        return { id: call.id, error: toErrorData(e) };
      }
    })().then((reply) => port.postMessage(reply));
  });
}

/** Pool thread: a function that calls the main thread's handler `op` with `arg`. */
export function portCaller(port: MessagePort): <T>(op: string, arg: unknown) => Promise<T> {
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.error) w.reject(fromErrorData(reply.error));
    else w.resolve(reply.value);
  });
  return <T>(op: string, arg: unknown) => new Promise<T>((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port.postMessage({ id, op, arg } satisfies Call);
  });
}
