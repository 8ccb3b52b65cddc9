import { describe, expect, it } from 'vitest';
import type { Rule } from '../archive/index';
import { autoReplyFor, firstWord, forwardsFor, isReplyable, missedCallRuleFor } from './rules';

let nextId = 1;
function rule(r: Partial<Rule> & Pick<Rule, 'kind'>): Rule {
  return {
    id: nextId++,
    uid: `r${nextId}`,
    keyword: null,
    senders: null,
    forwardTo: null,
    text: r.kind === 'forward' ? null : 'text',
    flash: false,
    rejectCall: false,
    perHour: 3,
    enabled: true,
    createdAt: 0,
    ...r,
  };
}

const ANNA = '+491701234567';
const BOSS = '+491709999999';

describe('rule matching', () => {
  it('takes the first word without the punctuation around it', () => {
    expect(firstWord('  Info, please')).toBe('Info');
    expect(firstWord('¡HOLA! amigos')).toBe('HOLA');
    expect(firstWord('#stop')).toBe('stop');
    expect(firstWord('')).toBe('');
  });

  it('answers a keyword in any case, else the rule without a keyword, else nothing', () => {
    const info = rule({ kind: 'auto-reply', keyword: 'INFO' });
    const straße = rule({ kind: 'auto-reply', keyword: 'Straße' });
    const any = rule({ kind: 'auto-reply' });
    const rules = [any, info, straße];
    expect(autoReplyFor(rules, { peer: ANNA, body: 'info: when are you open?' })).toBe(info);
    expect(autoReplyFor(rules, { peer: ANNA, body: 'STRASSE' })).toBe(any);
    expect(autoReplyFor(rules, { peer: ANNA, body: 'straße 5' })).toBe(straße);
    expect(autoReplyFor(rules, { peer: ANNA, body: 'Hello' })).toBe(any);
    expect(autoReplyFor([info], { peer: ANNA, body: 'Information' })).toBeUndefined();
    // A word that merely starts with the keyword is another word.
    expect(autoReplyFor([info], { peer: ANNA, body: 'INFOS' })).toBeUndefined();
  });

  it('hears only the listed senders when a rule lists them', () => {
    const onlyBoss = rule({ kind: 'auto-reply', senders: [BOSS] });
    expect(autoReplyFor([onlyBoss], { peer: ANNA, body: 'x' })).toBeUndefined();
    expect(autoReplyFor([onlyBoss], { peer: BOSS, body: 'x' })).toBe(onlyBoss);
    const call = rule({ kind: 'missed-call', senders: [ANNA] });
    expect(missedCallRuleFor([call], BOSS)).toBeUndefined();
    expect(missedCallRuleFor([call], ANNA)).toBe(call);
  });

  it('forwards to each target once, never back to the sender, and honours the keyword', () => {
    const all = rule({ kind: 'forward', forwardTo: BOSS });
    const again = rule({ kind: 'forward', forwardTo: BOSS });
    const urgent = rule({ kind: 'forward', forwardTo: '+491708888888', keyword: 'urgent' });
    expect(forwardsFor([all, again, urgent], { peer: ANNA, body: 'Order 5 boxes' })).toEqual([all]);
    expect(forwardsFor([all, again, urgent], { peer: ANNA, body: 'URGENT call me' })).toEqual([all, urgent]);
    expect(forwardsFor([all], { peer: BOSS, body: 'ok' })).toEqual([]);
  });

  it('answers phone numbers only, not alphanumeric senders or short codes', () => {
    expect(isReplyable(ANNA)).toBe(true);
    expect(isReplyable('01701234567')).toBe(true);
    expect(isReplyable('DHL')).toBe(false);
    expect(isReplyable('22333')).toBe(false);
  });
});
