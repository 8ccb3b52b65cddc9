/** The message file formats as a labelled select; with `allowAuto`, a first choice "from the file name". */
import type { MessageFormat } from '../../../../main/contract';
import { t } from '../../i18n';

const FORMATS: readonly MessageFormat[] = ['sbr-xml', 'csv', 'json'];

interface Props<V extends MessageFormat | ''> {
  readonly id: string;
  readonly label: string;
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly allowAuto?: boolean;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export function FormatSelect<V extends MessageFormat | ''>({
  id,
  label,
  value,
  onChange,
  allowAuto,
  disabled,
  testId,
}: Props<V>): React.JSX.Element {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {allowAuto && <option value="">{t('archive.format.auto')}</option>}
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`archive.format.${f}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
