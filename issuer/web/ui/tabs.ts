/** The screens as tabs (arrow keys, Home and End move between them). */
import { $ } from './context.js';

export const TABS = ['issue', 'cohort', 'creds', 'brand'] as const;
export type Tab = (typeof TABS)[number];

/** What a screen does when its tab is shown (load its data, say). */
export const onTabShown = new Map<Tab, () => void>();

export function selectTab(name: Tab, focusTab = false): void {
  for (const n of TABS) {
    const tab = $(`tab-${n}`);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    $(`panel-${n}`).hidden = n !== name;
  }
  if (focusTab) $(`tab-${name}`).focus();
  onTabShown.get(name)?.();
}

export function setupTabs(): void {
  TABS.forEach((n, i) => {
    const tab = $(`tab-${n}`);
    tab.addEventListener('click', () => selectTab(n));
    tab.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (ev.key === 'Home' || ev.key === 'End') {
        ev.preventDefault();
        selectTab(ev.key === 'Home' ? TABS[0] : TABS[TABS.length - 1] ?? 'creds', true);
      } else if (step) {
        ev.preventDefault();
        selectTab(TABS[(i + step + TABS.length) % TABS.length] ?? 'issue', true);
      }
    });
  });
}
