/**
 * A modal question with Cancel (focused first: the safe choice) and one action. Uses the
 * native <dialog>: Escape cancels, focus stays inside, and focus goes back where it was.
 */
import { useEffect, useId, useRef } from 'react';
import { t } from '../i18n';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  /** Shown as text under the body (an address, a message), never as markup. */
  readonly detail?: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
      data-testid="confirm"
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.body}</p>
      {props.detail !== undefined && <p className="confirm-dialog-detail">{props.detail}</p>}
      <div className="confirm-dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus data-testid="confirm-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} data-testid="confirm-ok">
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
