import { useEffect, useRef } from 'react';

/** The phases of an import or export run, as its store reports them. */
export type RunPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface RunFocus {
  readonly cancelButton: React.RefObject<HTMLButtonElement | null>;
  readonly outcome: React.RefObject<HTMLDivElement | null>;
  /** Call when the person starts the run: from then on focus follows it. */
  follow(): void;
}

/**
 * Keeps keyboard focus with a run the person started: its start button is disabled while it
 * runs, so focus would fall to the page; it goes to Cancel instead, then to the outcome once
 * the run ends. A run found already going (another window started it) moves nothing.
 */
export function useRunFocus(phase: RunPhase): RunFocus {
  const cancelButton = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const following = useRef(false);
  useEffect(() => {
    if (!following.current) return;
    if (phase === 'running') cancelButton.current?.focus();
    else if (phase !== 'idle') {
      outcome.current?.focus();
      following.current = false;
    }
  }, [phase]);
  return {
    cancelButton,
    outcome,
    follow: () => {
      following.current = true;
    },
  };
}
