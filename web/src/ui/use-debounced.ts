import { useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `delayMs`: typing asks the API once per pause, not per key. */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * A text field whose value lives elsewhere (the address): typing shows at once and is handed to
 * `commit` once it pauses; when the outside value changes by other means (back, a shared link,
 * Clear filters), the field follows it.
 */
export function useDebouncedText(value: string, commit: (text: string) => void, delayMs = 300): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    // What was just committed comes back as the new value: keep the field as typed (a trailing space).
    if (text.trim() !== value) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => commit(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, commit, delayMs]);
  return [text, setText];
}
