import Database from 'better-sqlite3'

export type Db = Database.Database

/** Opens the library database with the settings every connection must share. */
export function openDatabase(file: string, nativeBinding?: string): Db {
  const db = new Database(file, { nativeBinding })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
