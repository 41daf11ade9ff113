/**
 * The only way the wallet builds DOM: elements with attributes and text children.
 * Text goes in as text nodes (never innerHTML), so credential data with `<img onerror>` or
 * `javascript:` stays text (BAD-INPUTS #39). Attributes that could run code are refused.
 */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((ev: Event) => void)>;

const FORBIDDEN_ATTR = /^(on|srcdoc$|formaction$|style$)/i;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      if (!name.startsWith('on')) throw new Error(`Handler on non-event attribute ${name}`);
      el.addEventListener(name.slice(2).toLowerCase(), value);
      continue;
    }
    if (FORBIDDEN_ATTR.test(name)) throw new Error(`Attribute ${name} is not allowed`);
    if ((name === 'href' || name === 'src') && !isSafeUrl(String(value))) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Only our own routes and http(s) links are ever put into href/src. */
export function isSafeUrl(url: string): boolean {
  if (url.startsWith('#') || url.startsWith('/')) return !url.startsWith('//');
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'blob:';
  } catch {
    return false;
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A labelled form field; returns the wrapper and the input. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input);
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    wrap.appendChild(h('p', { class: 'hint', id: hintId }, hint));
  }
  return wrap;
}

/** Saves `blob` as a file named `name` (the browser's download). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message box announced to screen readers. */
export function notice(kind: 'error' | 'ok' | 'info', text: string): HTMLElement {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Runs `work` with the button disabled and a busy label; restores it afterwards. */
export async function busy<T>(button: HTMLButtonElement, label: string, work: () => Promise<T>): Promise<T> {
  const before = button.textContent ?? '';
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = before;
  }
}
