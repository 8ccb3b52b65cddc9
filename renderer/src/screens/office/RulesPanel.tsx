/**
 * The automatic answers: each rule in a sentence, on/off, remove (asks first), and the form for
 * a new one. The order shown is the order the station tries them.
 */
import { useId, useState } from 'react';
import type { RuleView } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t, tn } from '../../i18n';
import { describeRule, errorWords } from './format';
import { useRules } from './hooks';
import { RuleForm } from './RuleForm';

export function RulesPanel(): React.JSX.Element {
  const id = useId();
  const rules = useRules();
  const [removing, setRemoving] = useState<{ rule: RuleView; n: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setEnabled = async (rule: RuleView, enabled: boolean): Promise<void> => {
    setError(null);
    const r = await api.call('office.rulesSetEnabled', { ruleId: rule.id, enabled });
    if (!r.ok) setError(errorWords(r.error));
    rules.reload();
  };
  const remove = async (rule: RuleView): Promise<void> => {
    setError(null);
    const r = await api.call('office.rulesRemove', { ruleId: rule.id });
    if (!r.ok) setError(errorWords(r.error));
    rules.reload();
  };

  return (
    <div className="office-rules">
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t('office.rules.heading')}</h2>
        <p className="muted">{t('office.rules.intro')}</p>
        {rules.items === undefined && <p className="muted">{t('office.rules.loading')}</p>}
        {rules.items?.length === 0 && <p className="muted">{t('office.rules.empty')}</p>}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {rules.error && (
          <p role="alert" className="error">
            {t('common.error', { reason: rules.error })}
          </p>
        )}
        {rules.items && rules.items.length > 0 && (
          <ol className="office-rule-list" aria-label={t('office.rules.list')} data-testid="rules-list">
            {rules.items.map((rule, i) => {
              const kind = t(`office.rules.kind.${rule.kind}`);
              return (
                <li key={rule.id} className={`office-rule${rule.enabled ? '' : ' is-off'}`} data-testid="rule" data-enabled={rule.enabled}>
                  <div className="office-rule-text">
                    <span className="state-badge office-kind">{kind}</span>
                    <span data-testid="rule-text">{describeRule(rule)}</span>
                    <span className="muted small">
                      {rule.flash && <>{t('office.rules.flash')} · </>}
                      {tn('office.rules.perHour', rule.perHour)}
                    </span>
                  </div>
                  <div className="office-actions">
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        onChange={(e) => void setEnabled(rule, e.target.checked)}
                        aria-label={t('office.rules.onNamed', { kind, n: i + 1 })}
                        data-testid="rule-enabled"
                      />
                      <span aria-hidden="true">{t('office.rules.on')}</span>
                    </label>
                    <button
                      type="button"
                      onClick={() => setRemoving({ rule, n: i + 1 })}
                      aria-label={t('office.rules.removeNamed', { kind, n: i + 1 })}
                      data-testid="rule-remove"
                    >
                      {t('office.rules.remove')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <RuleForm onAdded={rules.reload} />
      {removing && (
        <ConfirmDialog
          title={t('office.rules.confirmRemove.title')}
          body={describeRule(removing.rule)}
          confirmLabel={t('office.rules.confirmRemove.ok')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const rule = removing.rule;
            setRemoving(null);
            void remove(rule);
          }}
        />
      )}
    </div>
  );
}
