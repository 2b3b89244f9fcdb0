#!/usr/bin/env node
// `npm start`: opens the desktop app. Where Electron's binary cannot be had (no download possible),
// it says so and serves the same studio to a browser on 127.0.0.1 instead.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '..')
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1

function electronBinary() {
  try {
    return require('electron')
  } catch {
    return null
  }
}

if (!electronBinary()) {
  console.log('Electron\'s binary is not installed yet; fetching it once…')
  run('node', [join(root, 'node_modules', 'electron', 'install.js')])
}

if (electronBinary()) {
  const rebuilt = run('node', [join(root, 'scripts', 'rebuild-native-for-electron.js')])
  process.exit(rebuilt === 0 ? run('npx', ['electron-vite', 'preview', ...process.argv.slice(2)]) : rebuilt)
}

console.log('\nElectron could not be downloaded here, so GAN Studio opens in your browser instead (same studio, local only).')
const built = run('npx', ['electron-vite', 'build'])
process.exit(built === 0 ? run('npx', ['tsx', join('src-main', 'cli', 'index.ts'), 'serve', ...process.argv.slice(2)]) : built)
