import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useAutocomplete } from 'react-aria/useAutocomplete';
import { FieldInputContext, Label, ListBox, ListBoxItem, Provider, SelectableCollectionContext, Text, TextArea, TextField } from 'react-aria-components';
import { insertMention, matchPeople, mentionQueryAt, type Person } from './mentions';

/**
 * React Aria Components' Autocomplete, put together from its public hook and contexts: the
 * component lives in a module the board's first screen already loads (TextField reads one of
 * its contexts), so using it would bring its hook and strings into the board's JavaScript;
 * built here, they load with the claim page only. The text area gets aria-controls,
 * aria-activedescendant and the keys that move through the list; the list gets virtual focus.
 */
function MentionAutocomplete({ value, onInput, children }: { value: string; onInput: (value: string) => void; children: ReactNode }) {
  const [focusedNodeId, setFocusedNodeId] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const collectionRef = useRef<HTMLElement>(null);
  const state = { inputValue: value, setInputValue: onInput, focusedNodeId, setFocusedNodeId };
  const {
    inputProps,
    collectionProps,
    collectionRef: mergedCollectionRef,
  } = useAutocomplete(
    // The hook is typed for an <input>; it works the same on a <textarea> (React Aria's own
    // Autocomplete passes whichever its TextField holds).
    { inputRef: inputRef as unknown as RefObject<HTMLInputElement | null>, collectionRef },
    state,
  );
  return (
    <Provider
      values={[
        [FieldInputContext, { ...inputProps, ref: inputRef }],
        [SelectableCollectionContext, { ...collectionProps, ref: mergedCollectionRef }],
      ]}
    >
      {children}
    </Provider>
  );
}

interface CommentFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: readonly Person[];
  autoFocus?: boolean;
  isRequired?: boolean;
}

/**
 * A Markdown field where typing `@` offers the workspace's people. React Aria's autocomplete
 * wires the text area to the list of people (aria-controls, aria-activedescendant, arrow keys
 * and Enter move through and choose, focus stays in the text): the list is shown only while
 * the caret is in a mention, so otherwise the field is a plain text area where Enter is a new
 * line. Choosing writes the mention the way the API reads it (mentions.ts).
 */
export function CommentField({ label, value, onChange, people, autoFocus, isRequired }: CommentFieldProps) {
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(value.length);
  // Escape closes the list for the mention at this position, until the caret leaves it.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const placeCaret = useRef<number | null>(null);

  const query = mentionQueryAt(value, caret);
  const active = query && query.start !== dismissed ? query : null;
  const matches = active ? matchPeople(people, active.query) : [];

  // The caret goes after a chosen mention once React has written the new text.
  useLayoutEffect(() => {
    if (placeCaret.current === null || !textArea.current) return;
    textArea.current.setSelectionRange(placeCaret.current, placeCaret.current);
    placeCaret.current = null;
  }, [value]);

  const readCaret = () => {
    const at = textArea.current?.selectionStart ?? value.length;
    setCaret(at);
    if (dismissed !== null && mentionQueryAt(textArea.current?.value ?? value, at)?.start !== dismissed) setDismissed(null);
  };

  const onInput = (text: string) => {
    onChange(text);
    setCaret(textArea.current?.selectionStart ?? text.length);
  };

  const choose = (id: string) => {
    const person = matches.find((p) => p.id === id);
    if (!active || !person) return;
    const next = insertMention(value, active, person, people);
    placeCaret.current = next.caret;
    setCaret(next.caret);
    onChange(next.text);
    textArea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && active && matches.length > 0) {
      setDismissed(active.start);
      event.stopPropagation();
    }
  };

  return (
    <div className="comment-field">
      <MentionAutocomplete value={value} onInput={onInput}>
        <TextField className="field" isRequired={isRequired} autoFocus={autoFocus}>
          <Label>{label}</Label>
          <TextArea ref={textArea} rows={4} onSelect={readCaret} onKeyUp={readCaret} onKeyDown={onKeyDown} />
          <Text slot="description">Markdown. Type @ to mention someone.</Text>
        </TextField>
        {matches.length > 0 && (
          <ListBox aria-label="People to mention" items={matches} onAction={(key) => choose(String(key))} className="mention-list">
            {(person) => (
              <ListBoxItem id={person.id} textValue={person.name} className="mention-option">
                <span className="mention-name">{person.name}</span> <span className="mention-email">{person.email}</span>
              </ListBoxItem>
            )}
          </ListBox>
        )}
      </MentionAutocomplete>
    </div>
  );
}
