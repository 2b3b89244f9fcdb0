#!/usr/bin/env node
// Runs the unit tests (vitest), builds the app, runs the end-to-end tests (Playwright) and prints one closing line:
// "N passed, N failed" summed over both. Exits non-zero if anything failed or a runner crashed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const results = join(root, 'test-results')
mkdirSync(results, { recursive: true })
const vitestJson = join(results, 'vitest.json')
const playwrightJson = join(results, 'playwright.json')
rmSync(vitestJson, { force: true })
rmSync(playwrightJson, { force: true })

function run(args, env = {}) {
  return spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

const vitestStatus = run(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
// The end-to-end tests drive the built renderer: build it first so `npm test` works on a fresh clone.
const buildStatus = run(['electron-vite', 'build'])
const playwrightStatus = buildStatus === 0 ? run(['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }) : buildStatus

const unit = readJson(vitestJson)
const e2e = readJson(playwrightJson)
const passed = (unit?.numPassedTests ?? 0) + (e2e ? e2e.stats.expected + e2e.stats.flaky : 0)
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats.skipped ?? 0)
let failed = (unit?.numFailedTests ?? 0) + (e2e?.stats.unexpected ?? 0)
if (!unit || (vitestStatus !== 0 && !unit.numFailedTests)) failed += 1
if (!e2e || (playwrightStatus !== 0 && !e2e.stats.unexpected)) failed += 1

console.log(`\nunit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'did not report'} · e2e: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed` : 'did not report'}`)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed ? 1 : 0)
