import Database from 'better-sqlite3'

export type Db = Database.Database

/** Opens the library database with the settings every connection must share. */
export function openDatabase(file: string, nativeBinding?: string): Db {
  const db = new Database(file, { nativeBinding })
  try {
    db.pragma('journal_mode = WAL')
    // FULL: a commit survives a power cut too, so emptied-trash rows never come back without their files.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
