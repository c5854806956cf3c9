import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/** The last element outside a dialog that had focus. */
let lastFocused: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && !e.target.closest('dialog')) lastFocused = e.target;
  });
}

/**
 * A modal built on <dialog>: the browser gives focus trapping, Escape to close and
 * the dialog role for free, with no inline styles (the CSP forbids them). On close,
 * focus returns to the element that opened it; a form inside moves focus to its
 * first invalid field with useFocusFirstInvalid.
 */
export function Dialog({ title, onClose, children, testId }: Props): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // Whatever opened the dialog gets focus back when it closes (WCAG 2.4.3). A button
    // that disables itself while the dialog loads has lost focus to <body> by now:
    // then the last element focused before it is the opener.
    const active = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const opener = active ?? lastFocused;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // The opener may be gone (a list re-rendered): then the browser's default applies.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
