/**
 * DOM helpers for the server-rendered pages (HR page, provider portal). Safe to import in
 * Node (nothing runs at import time); call them only in a browser. Data always becomes
 * text nodes, never markup (BAD-INPUTS row 39).
 */

/** The element with this id; a missing one is a bug in the page, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** Builds an element; strings become text nodes, never markup. */
export function h(tag: string, props: Record<string, string> = {}, ...children: Array<Node | string | undefined>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Shows a message in the element (hidden when there is none). */
export function showMessage(id: string, message: string | undefined): void {
  const el = byId(id);
  el.textContent = message ?? '';
  el.hidden = !message;
}
