/**
 * Error bodies and logs must never carry a NIP (UU 27/2022), not even one a client put
 * where a key name or URL was expected and a library quoted back. Anything shaped like an
 * 18-digit NIP (spaces allowed) or any run of 16+ digits is replaced.
 */
const NIP_LIKE = /\d{8}\s?\d{6}\s?\d\s?\d{3}|\d{16,}/g;

export function redactIdentifiers(text: string): string {
  return text.replace(NIP_LIKE, '[disamarkan]');
}

/** Applies `redactIdentifiers` to every string (keys included) in a JSON-like value. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactIdentifiers(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactIdentifiers(k), redactDeep(v, depth + 1)]));
}
