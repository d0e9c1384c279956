import type { RefObject } from 'react';
import { Menu, MenuItem, Popover } from 'react-aria-components';

export interface MenuChoice {
  id: string;
  label: string;
  detail?: string;
}

/** The open menu of a MenuButton: focus on its first item, closed by Escape or a click outside. */
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
  return (
    <Popover triggerRef={triggerRef} isOpen onOpenChange={(open) => !open && onClose()} placement="bottom end" className="popover">
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
