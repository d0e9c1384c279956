import { useState } from 'react';
import { Button } from './controls';

/**
 * Copies a text to the clipboard and says so (in a status message, read by screen readers);
 * a browser that refuses says what to do instead.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied.');
    } catch {
      setSaid('This browser did not allow copying: select the text and copy it.');
    }
  };
  return (
    <span className="copy">
      <Button onPress={() => void copy()}>{label}</Button>
      <span role="status" className="copy-status">
        {said}
      </span>
    </span>
  );
}
