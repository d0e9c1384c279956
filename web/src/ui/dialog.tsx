import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface ModalDialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
  /** Described by (e.g. what the step needs). */
  description?: string;
}

/**
 * A modal dialog (React Aria): focus moves in and stays in, Escape closes it, focus returns to
 * what opened it. Its heading names it.
 */
export function ModalDialog({ title, isOpen, onOpenChange, children, description }: ModalDialogProps) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {description && <p className="dialog-description">{description}</p>}
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
