/**
 * The account's status, live: the core's answer to account.status on mount, then every
 * account.changed. Once an event has arrived, a late answer does not overwrite it.
 */
import { useEffect, useRef, useState } from 'react';
import type { AccountStatus } from '../../../../main/contract';
import { api } from '../../api';
import { useEventHandler } from '../../hooks';

export function useAccount(): { status: AccountStatus | undefined; update: (s: AccountStatus) => void } {
  const [status, setStatus] = useState<AccountStatus | undefined>(undefined);
  const heard = useRef(false);
  useEventHandler('account.changed', (s) => {
    heard.current = true;
    setStatus(s);
  });
  useEffect(() => {
    let live = true;
    void api.call('account.status', null).then((r) => {
      if (live && r.ok && !heard.current) setStatus(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return {
    status,
    update: (s) => {
      heard.current = true;
      setStatus(s);
    },
  };
}
