import { useCallback, useRef } from 'react';
import { idempotencyKey } from './client';

/**
 * The Idempotency-Key of a creating form: the same key while the body stays the same (a second
 * press after an answer was lost creates nothing twice), a new one once the form changed (the
 * API refuses a key reused with another body).
 */
export function useIdempotencyKeys(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback((body: unknown) => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: idempotencyKey() };
    return last.current.key;
  }, []);
}
