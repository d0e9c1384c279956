import type { ReactNode, Ref } from 'react';
import {
  Button as AriaButton,
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  type ButtonProps as AriaButtonProps,
  type TextFieldProps,
} from 'react-aria-components';

/** The desk's buttons: React Aria's (keyboard, press and focus handled alike everywhere). */
export function Button({
  variant = 'secondary',
  className,
  ...props
}: AriaButtonProps & { variant?: 'primary' | 'secondary' | 'quiet' | 'danger'; ref?: Ref<HTMLButtonElement> }) {
  return <AriaButton {...props} className={`btn btn-${variant}${typeof className === 'string' ? ` ${className}` : ''}`} />;
}

interface FieldProps extends Omit<TextFieldProps, 'children'> {
  label: string;
  description?: string;
  multiline?: boolean;
  rows?: number;
  type?: string;
  placeholder?: string;
  step?: number | string;
  min?: string;
  errorMessage?: string;
}

/** A labelled text field with its description and error (the label is its accessible name). */
export function Field({ label, description, multiline, rows = 3, type, placeholder, step, min, errorMessage, className, ...props }: FieldProps) {
  return (
    <TextField {...props} type={type} className={`field${className ? ` ${String(className)}` : ''}`}>
      <Label>{label}</Label>
      {multiline ? <TextArea rows={rows} placeholder={placeholder} /> : <Input placeholder={placeholder} step={step} min={min} />}
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{errorMessage}</FieldError>
    </TextField>
  );
}

interface SelectFieldProps {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  description?: string;
  id?: string;
}

/**
 * A labelled native <select>: accessible, works with every keyboard and phone, and the lists here
 * are short. React Aria's Select would add a popover and a listbox for no gain.
 */
export function SelectField({ label, name, value, onChange, options, required, description, id }: SelectFieldProps) {
  const fieldId = id ?? `select-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <select
        id={fieldId}
        name={name}
        value={value}
        required={required}
        aria-describedby={description ? `${fieldId}-description` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {description && (
        <span className="field-description" id={`${fieldId}-description`}>
          {description}
        </span>
      )}
    </div>
  );
}

/** A refusal or failure in words, announced to screen readers as it appears. */
export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="error-note" role="alert">
      {children}
    </p>
  );
}

/** What a list shows when it has nothing, and what to do about it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
