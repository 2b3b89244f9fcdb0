#!/usr/bin/env node
// `npm start`: opens the desktop app. Where Electron's binary cannot be had (no download possible),
// it says so and serves the same studio to a browser on 127.0.0.1 instead.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1

/** Resolving the electron package fetches its binary the first time; do that quietly, once. */
function electronAvailable() {
  console.log('Checking for Electron\'s binary (fetched once on first start)…')
  const probe = spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: root, encoding: 'utf8' })
  if (probe.status === 0) return true
  const reason = `${probe.stderr}${probe.stdout}`.split('\n').find((line) => /Error|failed/.test(line))
  console.log(`Electron's binary could not be fetched${reason ? ` (${reason.trim()})` : ''}.`)
  return false
}

if (electronAvailable()) {
  const rebuilt = run(process.execPath, [join(root, 'scripts', 'rebuild-native-for-electron.js')])
  process.exit(rebuilt === 0 ? run('npx', ['electron-vite', 'preview', ...process.argv.slice(2)]) : rebuilt)
}

console.log('GAN Studio opens in your browser instead: the same studio, local only.\n')
const built = run('npx', ['electron-vite', 'build'])
process.exit(built === 0 ? run('npx', ['tsx', join('src-main', 'cli', 'index.ts'), 'serve', ...process.argv.slice(2)]) : built)
