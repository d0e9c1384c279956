import { lazy, Suspense, useRef, useState } from 'react';
import type { MenuChoice } from './MenuPopover';

export type { MenuChoice };

// The menu itself (React Aria's Menu in a Popover: collections, selection, overlay positioning)
// loads the first time a menu opens, so the board's first screen carries only the buttons.
const MenuPopover = lazy(() => import('./MenuPopover').then((m) => ({ default: m.MenuPopover })));

interface MenuButtonProps {
  /** The button's text, also its accessible name (`Move to…`). */
  label: string;
  /** The menu's accessible name. */
  menuLabel: string;
  choices: readonly MenuChoice[];
  onAction: (id: string) => void;
  className?: string;
  variant?: 'primary' | 'secondary' | 'quiet';
}

/**
 * A button that opens a menu (Enter, Space or a click), React Aria's menu behaviour: arrow keys
 * move, Enter chooses, Escape closes, and focus returns to the button.
 */
export function MenuButton({ label, menuLabel, choices, onAction, className, variant = 'quiet' }: MenuButtonProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  return (
    <>
      {/* A plain button: a board shows hundreds of these, and the browser already gives it
          Enter, Space and focus; the menu it opens is React Aria's. */}
      <button
        ref={trigger}
        type="button"
        className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open && (
        <Suspense fallback={null}>
          <MenuPopover
            triggerRef={trigger}
            label={menuLabel}
            choices={choices}
            onClose={close}
            onAction={(id) => {
              close();
              onAction(id);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
