import { useState } from 'react';
import { Button, Field } from './controls';

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

/**
 * A secret or a link shown once (a token, an invitation, a calendar address): a read-only field
 * named by its label, easy to select, with its copy button.
 */
export function SecretField({ label, value, copyLabel, description }: { label: string; value: string; copyLabel: string; description?: string }) {
  return (
    <div className="secret-field">
      <Field label={label} value={value} isReadOnly className="secret-input" description={description} />
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}
