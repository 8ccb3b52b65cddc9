import type { StoreContext } from './model';

/** Archive-wide settings as text (e.g. "default-country"). */
export class SettingsStore {
  readonly #get;
  readonly #set;
  readonly #delete;

  constructor(ctx: StoreContext) {
    this.#get = ctx.db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
    this.#set = ctx.db.prepare<[string, string]>(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    this.#delete = ctx.db.prepare<[string]>(`DELETE FROM settings WHERE key = ?`);
  }

  get(key: string): string | undefined {
    return this.#get.get(key)?.value;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.#delete.run(key);
    else this.#set.run(key, value);
  }
}
