/** A refused call in the person's language, with the server's own words as plain text beneath. */
import type { ContractError } from '../../../../main/contract';
import { t, type MessageKey } from '../../i18n';

const KNOWN: Partial<Record<ContractError['code'], MessageKey>> = {
  unavailable: 'account.error.unavailable',
  forbidden: 'account.error.forbidden',
  'not-found': 'account.error.not-found',
  'bad-request': 'account.error.bad-request',
};

export function ErrorNote({ error }: { readonly error: ContractError | undefined }): React.JSX.Element {
  return (
    <div role="alert" className="account-error" data-testid="account-error">
      {error && (
        <>
          <p className="error">{t(KNOWN[error.code] ?? 'account.error.other')}</p>
          <p className="muted small">{t('account.error.words', { words: error.message })}</p>
        </>
      )}
    </div>
  );
}
