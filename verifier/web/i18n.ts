/**
 * Language plumbing for the report screens (duty report, LAN's national view): the page's
 * language is the `lang` of <html>, which the main page script sets; these screens
 * re-render themselves when it changes, so the main script needs no hook for that.
 */
import { COMPETENCY_TYPE_LABELS } from '../../shared/model/competency.js';
import { LEARNING_PATH_LABELS } from '../../shared/model/learning-input.js';

export type Lang = 'id' | 'en';
export interface Text { id: string; en: string }

export const lang = (): Lang => (document.documentElement.lang === 'en' ? 'en' : 'id');
export const locale = (): string => (lang() === 'id' ? 'id-ID' : 'en-GB');
export const say = (x: Text): string => x[lang()];

export const fmt = (v: number): string => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v);
export const fmtJp = (v: number): string => `${fmt(v)} JP`;
export const fmtPct = (share: number): string => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** `2026-05-08` or an ISO instant → "8 Mei 2026" / "8 May 2026" (a date only, so no time zone to show). */
export function fmtDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : 'Asia/Jakarta' }).format(d);
}

/** `2026-05` → "Mei 26" / "May 26". */
export function monthLabel(key: string): string {
  const d = new Date(`${key}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return key;
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(d);
}

export function competencyLabel(key: string): string {
  const l = (COMPETENCY_TYPE_LABELS as Record<string, Text | undefined>)[key];
  return l ? say(l) : key;
}

export function pathLabel(key: string): string {
  const l = (LEARNING_PATH_LABELS as Record<string, Text | undefined>)[key];
  return l ? say(l) : key;
}

/** Calls `render` again whenever the page language changes. */
export function onLanguageChange(render: () => void): void {
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/** Words both report screens use. */
export const COMMON = {
  tableSummary: { id: 'Tabel data', en: 'Data table' },
  // Not "< 5 people": a cell may also be hidden so that a small one cannot be worked out.
  suppressed: { id: 'disembunyikan (perlindungan data)', en: 'hidden (data protection)' },
  empty: { id: 'Belum ada data.', en: 'No data yet.' },
  jp: { id: 'JP', en: 'JP' },
  people: { id: 'Orang', en: 'People' },
  competencyType: { id: 'Jenis kompetensi', en: 'Competency type' },
  path: { id: 'Jalur pengembangan', en: 'Learning path' },
  provider: { id: 'Penyedia pelatihan', en: 'Training provider' },
  month: { id: 'Bulan', en: 'Month' },
  jpByType: { id: 'JP per jenis kompetensi', en: 'JP per competency type' },
  jpByPath: { id: 'JP per jalur pengembangan', en: 'JP per learning path' },
  jpByMonth: { id: 'Tren JP per bulan', en: 'Monthly JP trend' },
  jpByProvider: { id: 'JP per penyedia pelatihan', en: 'JP per training provider' },
  print: { id: 'Cetak', en: 'Print' },
} satisfies Record<string, Text>;

export const chartText = (title: Text, labelHeader: Text, valueHeader: Text, description?: Text) => ({
  title: say(title), labelHeader: say(labelHeader), valueHeader: say(valueHeader),
  ...(description ? { description: say(description) } : {}),
  tableSummary: say(COMMON.tableSummary), suppressed: say(COMMON.suppressed), empty: say(COMMON.empty),
});
