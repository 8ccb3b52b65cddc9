/** Registry of the TS 23.038 Annex A national language tables, by identifier and by name. */
import { PduEncodeError } from '../errors';
import { NATIONAL_TABLES } from './tables';
import type { NationalLanguage, NationalTables } from './types';

export type { NationalLanguage, NationalTables, SeptetTable } from './types';

const BY_ID = new Map<number, NationalTables>(NATIONAL_TABLES.map((t) => [t.id, t]));
const BY_NAME = new Map<NationalLanguage, NationalTables>(NATIONAL_TABLES.map((t) => [t.name, t]));

export const NATIONAL_LANGUAGES: readonly NationalLanguage[] = NATIONAL_TABLES.map((t) => t.name);

export function nationalTables(id: number): NationalTables | undefined {
  return BY_ID.get(id);
}

export function nationalLanguageId(name: NationalLanguage): number {
  const t = BY_NAME.get(name);
  if (!t) throw new PduEncodeError('bad-option', `Unknown national language ${String(name)}`);
  return t.id;
}

export function nationalLanguageName(id: number): NationalLanguage | null {
  return BY_ID.get(id)?.name ?? null;
}
