import { useEffect, useRef, type RefObject } from 'react';
import { Menu, MenuItem, Popover } from 'react-aria-components';

export interface MenuChoice {
  id: string;
  label: string;
  detail?: string;
}

/**
 * The open menu of a MenuButton: focus on its first item, closed by Escape or a click outside.
 * The popover around it is a dialog named like the menu.
 */
export function MenuPopover({
  triggerRef,
  label,
  choices,
  onAction,
  onClose,
}: {
  triggerRef: RefObject<HTMLButtonElement | null>;
  label: string;
  choices: readonly MenuChoice[];
  onAction: (id: string) => void;
  onClose: () => void;
}) {
  const popover = useRef<HTMLElement>(null);
  // The menu's items are laid out after it mounts, so its own autoFocus can only reach the menu;
  // the first item takes the focus as soon as it exists, as a menu opened by keyboard should.
  useEffect(() => {
    let frame = 0;
    let tries = 0;
    const focusFirst = () => {
      const first = popover.current?.querySelector<HTMLElement>('[role=menuitem]');
      if (first && !popover.current?.querySelector('[role=menuitem]:focus')) first.focus();
      else if (!first && ++tries < 30) frame = requestAnimationFrame(focusFirst);
    };
    frame = requestAnimationFrame(focusFirst);
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <Popover
      ref={popover}
      triggerRef={triggerRef}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      placement="bottom end"
      className="popover"
      aria-label={label}
    >
      <Menu aria-label={label} autoFocus="first" className="menu" onAction={(key) => onAction(String(key))} onClose={onClose}>
        {choices.map((choice) => (
          <MenuItem key={choice.id} id={choice.id} className="menu-item" textValue={choice.label}>
            <span className="menu-item-title">{choice.label}</span>
            {choice.detail && <span className="menu-item-detail">{choice.detail}</span>}
          </MenuItem>
        ))}
      </Menu>
    </Popover>
  );
}
