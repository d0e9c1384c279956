import { isTimestamp } from './dto-helpers';

describe('isTimestamp', () => {
  it('takes ISO 8601 timestamps with a zone, in the forms clients send', () => {
    for (const value of [
      '2026-03-02T09:15:00Z',
      '2026-03-02T09:15Z',
      '2026-03-02T09:15:00.123Z',
      '2026-03-02T09:15:00.123456789Z',
      '2026-03-02T12:15:00+03:00',
      '2026-03-02T12:15:00+0300',
      '2026-03-02t09:15:00z',
      '2028-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect({ value, ok: isTimestamp(value) }).toEqual({ value, ok: true });
    }
  });

  it('refuses what names no real instant, or has no zone', () => {
    for (const value of [
      '2027-02-29T00:00:00Z', // not a leap year
      '1900-02-29T00:00:00Z', // nor is a century not divisible by 400
      '2026-02-30T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2026-06-30T23:59:60Z',
      '2026-06-30T24:00:00Z',
      '2026-06-30T12:60:00Z',
      '2026-06-30T12:00:00+25:00',
      '2026-06-30T12:00:00+03:60',
      '2026-06-30T12:00:00',
      '2026-06-30',
      'yesterday',
      '',
      12,
      null,
    ]) {
      expect({ value, ok: isTimestamp(value) }).toEqual({ value, ok: false });
    }
  });
});
