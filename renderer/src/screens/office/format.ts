/** Words for the Office screen's records: a rule in a sentence, a bulk send's counts. */
import type { BulkProgress, ContractError, RuleView } from '../../../../main/contract';
import { t } from '../../i18n';

/** What the rule does, in one sentence of the current language. */
export function describeRule(rule: RuleView): string {
  const from = rule.senders === null ? t('office.rules.anyone') : rule.senders.join(', ');
  const text = rule.text ?? '';
  switch (rule.kind) {
    case 'auto-reply':
      return rule.keyword === null
        ? t('office.rules.describe.replyAny', { from, text })
        : t('office.rules.describe.reply', { from, text, keyword: rule.keyword });
    case 'forward':
      return rule.keyword === null
        ? t('office.rules.describe.forwardAny', { from, to: rule.forwardTo ?? '' })
        : t('office.rules.describe.forward', { from, to: rule.forwardTo ?? '', keyword: rule.keyword });
    case 'missed-call':
      return t(rule.rejectCall ? 'office.rules.describe.rejected' : 'office.rules.describe.missed', { from, text });
  }
}

export interface JobCounts {
  /** Accepted by the network (delivered ones included). */
  readonly sent: number;
  readonly delivered: number;
  readonly failed: number;
  readonly unconfirmed: number;
  readonly cancelled: number;
  /** Not out yet: not queued, waiting in the outbox, or being sent. */
  readonly remaining: number;
  /** Recipients that reached an end (sent, failed, unconfirmed, cancelled), for the progress bar. */
  readonly finished: number;
  readonly total: number;
}

export function jobCounts(p: BulkProgress): JobCounts {
  const sent = p.sent + p.delivered;
  const remaining = p.pending + p.queued + p.sending;
  return {
    sent,
    delivered: p.delivered,
    failed: p.failed,
    unconfirmed: p.unconfirmed,
    cancelled: p.cancelled,
    remaining,
    finished: p.total - remaining,
    total: p.total,
  };
}

/** Numbers typed with commas, semicolons or line breaks between them; empty: null (anyone). */
export function parseSenders(text: string): string[] | null {
  const list = text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return list.length === 0 ? null : list;
}

/** A refusal the user can act on (a bad keyword, a row with errors) as the core words it; anything else as a failure. */
export function errorWords(error: ContractError): string {
  return error.code === 'bad-request' || error.code === 'not-found' ? error.message : t('common.error', { reason: error.message });
}
