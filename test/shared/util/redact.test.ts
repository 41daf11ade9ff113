import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/index.js';
import { redactIdentifiers } from '../../../shared/util/redact.js';

describe('NIP-shaped text never leaves in an error body', () => {
  it.each([
    ['Unrecognized key: "198609262015052001"', 'Unrecognized key: "[disamarkan]"'],
    ['URL: "https://x/19860926 201505 1 001"', 'URL: "https://x/[disamarkan]"'],
    ['index 131072 and urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-000000000042 stay', 'index 131072 and urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-000000000042 stay'],
  ])('%s', (input, expected) => {
    expect(redactIdentifiers(input)).toBe(expected);
  });

  it('masks message, detail values and detail keys of an AppError', () => {
    const e = new AppError('REQUEST_INVALID', 'bad key 198609262015052001', { details: [{ field: 'learner.198609262015052001', message: 'x' }] });
    const json = JSON.stringify(e.toJSON());
    expect(json).not.toMatch(/\d{16,}/);
    expect(json).toContain('learner.[disamarkan]');
  });
});
