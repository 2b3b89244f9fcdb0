import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 built for Electron's ABI by scripts/rebuild-native-for-electron.js, kept apart from
 * node_modules so that Node (tests, CLI, bridge) keeps its own build.
 */
export function electronSqliteBinding(appRoot: string): string | undefined {
  const file = join(appRoot, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  return existsSync(file) ? file : undefined
}
