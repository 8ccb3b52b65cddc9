/**
 * Data of the Office screen. Each hook asks the core for the current state first and then
 * follows its events, because a screen opened late has missed the events sent before.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkJobView, GroupView, OutboxList, RuleView } from '../../../../main/contract';
import { api } from '../../api';

export type Listed<T> = { readonly items: readonly T[] | undefined; readonly error: string | null };

/** Every bulk send, newest first, kept current by `office.bulkChanged`. */
export function useBulkJobs(): Listed<BulkJobView> & { readonly put: (job: BulkJobView) => void } {
  const [state, setState] = useState<Listed<BulkJobView>>({ items: undefined, error: null });
  const put = useCallback((job: BulkJobView) => setState((prev) => ({ ...prev, items: upsert(prev.items ?? [], job) })), []);
  useEffect(() => {
    let live = true;
    // Events heard before the list arrived are newer than it: they win.
    const early = new Map<string, BulkJobView>();
    let listed = false;
    const off = api.on('office.bulkChanged', (job) => {
      if (!listed) early.set(job.id, job);
      else put(job);
    });
    void api.call('office.bulkList', null).then((r) => {
      if (!live) return;
      listed = true;
      if (!r.ok) return setState({ items: [], error: r.error.message });
      let items: readonly BulkJobView[] = r.value;
      for (const job of early.values()) items = upsert(items, job);
      setState({ items, error: null });
    });
    return () => {
      live = false;
      off();
    };
  }, [put]);
  return { ...state, put };
}

function upsert(list: readonly BulkJobView[], job: BulkJobView): readonly BulkJobView[] {
  const i = list.findIndex((j) => j.id === job.id);
  if (i < 0) return [job, ...list];
  // An older view (a call's answer arriving after a newer event) does not overwrite a newer one:
  // the state changes with updatedAt, and counts only move towards the end.
  const old = list[i]!;
  if (old.updatedAt > job.updatedAt || (old.updatedAt === job.updatedAt && outstanding(old) < outstanding(job))) return list;
  const next = [...list];
  next[i] = job;
  return next;
}

function outstanding(job: BulkJobView): number {
  const p = job.progress;
  return p.pending + p.queued + p.sending + p.sent;
}

/** The rules, loaded once and again after each change (`reload`). */
export function useRules(): Listed<RuleView> & { readonly reload: () => void } {
  const [state, setState] = useState<Listed<RuleView>>({ items: undefined, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('office.rulesList', null).then((r) => {
      if (live) setState(r.ok ? { items: r.value, error: null } : { items: [], error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [round]);
  return { ...state, reload: useCallback(() => setRound((n) => n + 1), []) };
}

export function useGroups(): readonly GroupView[] | undefined {
  const [groups, setGroups] = useState<readonly GroupView[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void api.call('office.groups', null).then((r) => {
      if (live) setGroups(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, []);
  return groups;
}

/** How long message changes are gathered before the outbox is read again (a bulk send changes many). */
const OUTBOX_SETTLE_MS = 400;

/** The open outbox, read again shortly after messages change and when `reload` is called. */
export function useOutbox(): { readonly list: OutboxList | undefined; readonly error: string | null; readonly reload: () => void } {
  const [state, setState] = useState<{ list: OutboxList | undefined; error: string | null }>({ list: undefined, error: null });
  const [round, setRound] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void api.call('office.outbox', { limit: 200 }).then((r) => {
      if (live) setState(r.ok ? { list: r.value, error: null } : { list: undefined, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [round]);
  useEffect(() => {
    const off = api.on('message.changed', ({ message }) => {
      if (message.direction !== 'out' || timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        setRound((n) => n + 1);
      }, OUTBOX_SETTLE_MS);
    });
    return () => {
      off();
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, []);
  return { ...state, reload: useCallback(() => setRound((n) => n + 1), []) };
}
