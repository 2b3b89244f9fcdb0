#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' build (Node's ABI)
// for the tests, the CLI and the bridge. Needs Electron's headers, so it runs on a machine with internet.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '..')
const target = join(root, '.electron-native')
const electronVersion = require('electron/package.json').version
const sqliteVersion = require('better-sqlite3/package.json').version
const stamp = join(target, 'built-for.json')
const wanted = JSON.stringify({ electronVersion, sqliteVersion })

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0)

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once)…`)
rmSync(target, { recursive: true, force: true })
mkdirSync(join(target, 'node_modules'), { recursive: true })
cpSync(join(root, 'node_modules', 'better-sqlite3'), join(target, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`)
})
writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }))

const { rebuild } = await import('@electron/rebuild')
try {
  await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true })
  writeFileSync(stamp, wanted)
} catch (err) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: ${err.message}`)
  console.error('It needs Electron\'s headers from the internet once; the browser door (`npm run serve`) works without it.')
  process.exit(1)
}
