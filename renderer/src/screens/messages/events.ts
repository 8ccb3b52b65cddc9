/** Kept for the screens that import it from here; the hook lives with the others in hooks.ts. */
export { useEventHandler } from '../../hooks';
