/**
 * A minimal Node `events` EventEmitter for the browser bundle. abstract-level (under
 * `level` → browser-level) extends EventEmitter and watches 'newListener' /
 * 'removeListener'; Vite does not polyfill Node built-ins, and we add no package for it.
 * Aliased as `events` in vite.config.ts only.
 */
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private readonly handlers = new Map<string | symbol, Listener[]>();

  on(name: string | symbol, fn: Listener): this {
    return this.addListener(name, fn);
  }

  addListener(name: string | symbol, fn: Listener): this {
    if (this.handlers.has('newListener')) this.emit('newListener', name, fn);
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }

  prependListener(name: string | symbol, fn: Listener): this {
    if (this.handlers.has('newListener')) this.emit('newListener', name, fn);
    this.handlers.set(name, [fn, ...(this.handlers.get(name) ?? [])]);
    return this;
  }

  once(name: string | symbol, fn: Listener): this {
    const wrapped: Listener & { listener?: Listener } = (...args) => {
      this.removeListener(name, wrapped);
      fn.apply(this, args);
    };
    wrapped.listener = fn;
    return this.on(name, wrapped);
  }

  off(name: string | symbol, fn: Listener): this {
    return this.removeListener(name, fn);
  }

  removeListener(name: string | symbol, fn: Listener): this {
    const list = this.handlers.get(name);
    if (!list) return this;
    const i = list.findIndex((l) => l === fn || (l as { listener?: Listener }).listener === fn);
    if (i < 0) return this;
    const next = [...list.slice(0, i), ...list.slice(i + 1)];
    if (next.length === 0) this.handlers.delete(name);
    else this.handlers.set(name, next);
    if (this.handlers.has('removeListener')) this.emit('removeListener', name, fn);
    return this;
  }

  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this.handlers.clear();
    else this.handlers.delete(name);
    return this;
  }

  emit(name: string | symbol, ...args: unknown[]): boolean {
    const list = this.handlers.get(name);
    if (!list || list.length === 0) {
      if (name === 'error') throw args[0] instanceof Error ? args[0] : new Error('Unhandled error event');
      return false;
    }
    for (const fn of [...list]) fn.apply(this, args);
    return true;
  }

  listenerCount(name: string | symbol): number {
    return this.handlers.get(name)?.length ?? 0;
  }

  listeners(name: string | symbol): Listener[] {
    return [...(this.handlers.get(name) ?? [])];
  }

  setMaxListeners(): this {
    return this;
  }
}

export default EventEmitter;
