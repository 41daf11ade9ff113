/** Text shown to people: Indonesian first, English second. */
export interface LocalizedText {
  id: string;
  en: string;
}

export function text(id: string, en: string): LocalizedText {
  return { id, en };
}
