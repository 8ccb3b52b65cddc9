import { safeHttpUrl } from './links';

/**
 * Opens an http(s) address the user confirmed. The one place the UI leaves for the web: the
 * web build opens a new tab without an opener; the desktop app can route this (e.g. to the
 * system browser) later without touching the screens. Returns false when it refused.
 */
export function openExternalLink(url: string): boolean {
  const safe = safeHttpUrl(url);
  if (!safe) return false;
  window.open(safe, '_blank', 'noopener,noreferrer');
  return true;
}
