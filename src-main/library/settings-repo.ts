import { Settings } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'
import type { Db } from './database'

const DEFAULTS: Settings = { language: 'en', provider: 'auto' }
const SettingsPatch = Settings.partial().strict()

/** User settings, one row per key; a stored value that no longer validates falls back to its default. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
    const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]))
    const settings: Record<string, unknown> = { ...DEFAULTS }
    for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
      const parsed = Settings.shape[key].safeParse(stored[key])
      if (parsed.success) settings[key] = parsed.data
    }
    return Settings.parse(settings)
  }

  set(patch: Partial<Settings>): Settings {
    const parsed = SettingsPatch.safeParse(patch)
    if (!parsed.success) {
      throw new StudioError('invalid', `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`)
    }
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) upsert.run(key, JSON.stringify(value))
    })()
    return this.get()
  }
}
