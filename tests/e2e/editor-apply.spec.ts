import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page, TestInfo } from '@playwright/test'
import sharp from 'sharp'
import { resnetGenerator, seededWeights, unetGenerator } from '../../src-main/onnx'
import type { Version } from '../../src-preload/contract'
import { openPhoto } from './open-photo'
import { expect, test, type StudioCall } from './studio-fixture'

/** A seeded 3 → 3 ResNet generator (random weights: its output looks nothing like the photo), imported through the contract. */
async function installStyleModel(studioCall: StudioCall, library: string): Promise<void> {
  const path = join(library, 'tiny-style.onnx')
  writeFileSync(path, resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(3) }).bytes)
  await studioCall('models:import', { path, id: 'tiny-style', name: 'Tiny style', task: 'style', sizeMultiple: 4 })
}

/** A seeded 1 → 2 U-Net colorizer (lab-chroma), imported through the contract. */
async function installColorizer(studioCall: StudioCall, library: string): Promise<void> {
  const path = join(library, 'tiny-colorizer.onnx')
  writeFileSync(path, unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 3, weights: seededWeights(7) }).bytes)
  await studioCall('models:import', { path, id: 'tiny-colorizer', name: 'Tiny colorizer', task: 'colorize', sizeMultiple: 8 })
}

/** RGB of the screenshot pixel at (x, y) in the element's box. */
async function pixelAt(target: Locator, x: number, y: number): Promise<number[]> {
  const shot = await target.screenshot()
  const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const i = (Math.round(y) * info.width + Math.round(x)) * 3
  return [data[i]!, data[i + 1]!, data[i + 2]!]
}

const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))

/** A screenshot kept in the test's output folder and attached to its report. */
async function attach(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name.replace(/\W+/g, '-')}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Resolves to true once an element matching the test id has appeared, however briefly. */
async function watchFor(page: Page, testId: string): Promise<() => Promise<boolean>> {
  await page.evaluate((id) => {
    const seen = { value: false }
    ;(window as unknown as { seen: Record<string, { value: boolean }> }).seen = { ...(window as unknown as { seen?: object }).seen, [id]: seen }
    new MutationObserver((_, observer) => {
      if (document.querySelector(`[data-testid="${id}"]`)) {
        seen.value = true
        observer.disconnect()
      }
    }).observe(document.body, { childList: true, subtree: true })
  }, testId)
  return () => page.evaluate((id) => (window as unknown as { seen: Record<string, { value: boolean }> }).seen[id]!.value, testId)
}

test('apply a model, compare before and after, paint a mask and apply there, undo, redo and export', async ({ page, library, studioCall }, testInfo) => {
  test.setTimeout(180_000)
  await installStyleModel(studioCall, library)
  await installColorizer(studioCall, library)
  await openPhoto(page, library, 1200, 800)
  const stage = page.getByTestId('editor-stage')
  const entries = page.getByTestId('version-entry')
  await expect(entries).toHaveCount(1)
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', 'single')

  // A colorizer is sized by what it sees (render size, 512 without a recommendation), a style model by its result.
  await page.getByTestId('model-picker').selectOption('tiny-colorizer')
  await expect(page.getByTestId('apply-panel')).toContainText('Render size')
  await expect(page.getByTestId('apply-size')).toHaveValue('512')
  await page.getByTestId('model-picker').selectOption('tiny-style')
  await expect(page.getByTestId('apply-panel')).toContainText('Working size')
  await expect(page.getByTestId('apply-size')).toHaveValue('')
  await page.getByTestId('apply-size').fill('800')
  const sawProgress = await watchFor(page, 'apply-progress')
  await page.getByTestId('apply-button').click()
  await expect(page.getByTestId('apply-outcome')).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  expect(await sawProgress()).toBe(true)
  await expect(page.getByTestId('apply-outcome')).toContainText('cpu')
  await expect(entries).toHaveCount(2)
  await expect(entries.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(entries.nth(1)).toContainText('800×533')
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', 'split')
  await page.waitForLoadState('networkidle')
  await attach(page, testInfo, 'split at 50%')

  // The split: left of it the original, right of it the version. Dragging it left shows the version at 30%.
  const box = (await stage.boundingBox())!
  const probe = { x: box.width * 0.3, y: box.height * 0.5 }
  const slider = page.getByTestId('compare-split')
  await expect(slider).toHaveAttribute('aria-valuenow', '50')
  const originalThere = await pixelAt(stage, probe.x, probe.y)
  const handle = (await slider.boundingBox())!
  await page.mouse.move(handle.x + handle.width / 2, box.y + box.height * 0.8)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.8, { steps: 8 })
  await page.mouse.up()
  await expect(slider).toHaveAttribute('aria-valuenow', '10')
  await page.waitForLoadState('networkidle')
  const versionThere = await pixelAt(stage, probe.x, probe.y)
  expect(distance(originalThere, versionThere)).toBeGreaterThan(30)
  await slider.focus()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect(slider).toHaveAttribute('aria-valuenow', '15')
  await page.keyboard.press('Home')
  await expect(slider).toHaveAttribute('aria-valuenow', '0')
  await attach(page, testInfo, 'split dragged')

  // Hold-to-toggle: while \ is held the original alone is shown.
  await stage.focus()
  await page.keyboard.down('\\')
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-peeking', 'true')
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', 'single')
  await page.waitForLoadState('networkidle')
  expect(distance(await pixelAt(stage, probe.x, probe.y), originalThere)).toBeLessThan(12)
  await page.keyboard.up('\\')
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-peeking', 'false')
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', 'split')

  // Side by side: one viewport, so panning one pane pans the other.
  await page.getByTestId('compare-mode-side').click()
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', 'side')
  const right = page.getByTestId('editor-stage-after')
  await expect(right).toBeVisible()
  await page.getByTestId('zoom-100').click()
  await expect(page.getByTestId('zoom-level')).toHaveText('100%')
  await page.waitForLoadState('networkidle')
  const leftBox = (await stage.boundingBox())!
  const leftBefore = await stage.screenshot()
  const rightBox = (await right.boundingBox())!
  await page.mouse.move(rightBox.x + rightBox.width / 2, rightBox.y + rightBox.height / 2)
  await page.mouse.down()
  await page.mouse.move(rightBox.x + rightBox.width / 2 - 150, rightBox.y + rightBox.height / 2 - 100, { steps: 6 })
  await page.mouse.up()
  await page.waitForLoadState('networkidle')
  expect(Buffer.compare(leftBefore, await stage.screenshot())).not.toBe(0)
  expect(leftBox.width).toBeLessThan(box.width * 0.6)
  expect(rightBox.x).toBeGreaterThanOrEqual(leftBox.x + leftBox.width - 1)
  expect(Math.abs(rightBox.width - leftBox.width)).toBeLessThan(4)
  expect(rightBox.height).toBe(leftBox.height)
  await attach(page, testInfo, 'side by side at 100%')
  await page.getByTestId('zoom-fit').click()

  // The loupe: L shows it under the pointer, magnifying the other image; L again hides it.
  await page.getByTestId('compare-mode-single').click()
  await stage.focus()
  await page.keyboard.press('l')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const loupe = page.getByTestId('compare-loupe')
  await expect(loupe).toBeVisible()
  await expect(loupe).toHaveAttribute('data-showing', 'before')
  await page.waitForLoadState('networkidle')
  await attach(page, testInfo, 'loupe')
  await page.keyboard.press('l')
  await expect(loupe).toHaveCount(0)

  // A mask over the left part only, applied at full size: a second version, changed there and nowhere else.
  await page.keyboard.press('b')
  await expect(page.getByTestId('mask-tool-paint')).toHaveAttribute('aria-checked', 'true')
  const brush = page.getByTestId('mask-brush')
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.4)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6, { steps: 10 })
  await page.mouse.up()
  await expect(brush.first()).toHaveAttribute('data-strokes', '1')
  await page.keyboard.press('h')
  await attach(page, testInfo, 'mask painted')
  await page.getByTestId('apply-size').fill('')
  await page.getByTestId('apply-mask-only').check()
  await page.getByTestId('apply-button').click()
  await expect(entries).toHaveCount(3, { timeout: 60_000 })
  await expect(entries.nth(2)).toHaveAttribute('aria-selected', 'true')
  await expect(entries.nth(2)).toContainText('1200×800')
  const versions = (await studioCall('library:versions', { imageId: 1 })).versions
  expect(versions[1]!.params.mask).toMatchObject({ strokes: 1, feather: 8 })
  await expectChangedOnlyOnTheLeft(library, versions[1]!)
  await page.waitForLoadState('networkidle')
  await attach(page, testInfo, 'masked version')

  // Undo: the view returns to version 1 (nothing is deleted), then the stroke goes; redo brings both back.
  await stage.focus()
  await page.keyboard.press('Control+z')
  await expect(entries.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(entries).toHaveCount(3)
  await page.keyboard.press('Control+z')
  await expect(brush.first()).toHaveAttribute('data-strokes', '0')
  await page.keyboard.press('Control+Shift+z')
  await expect(brush.first()).toHaveAttribute('data-strokes', '1')
  await page.keyboard.press('Control+y')
  await expect(entries.nth(2)).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('version-entry').nth(2).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(entries.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('End')
  await expect(entries.nth(2)).toHaveAttribute('aria-selected', 'true')

  // Export the version shown as WebP to a path on the studio's machine.
  const outDir = mkdtempSync(join(tmpdir(), 'gan-studio-export-'))
  try {
    const target = join(outDir, 'masked.webp')
    await page.getByTestId('export-open').click()
    await expect(page.getByTestId('export-dialog')).toBeVisible()
    await expect(page.getByTestId('export-path')).toHaveValue(/tiny-style-v2\.png$/)
    await page.getByTestId('export-format').selectOption('webp')
    await expect(page.getByTestId('export-path')).toHaveValue(/tiny-style-v2\.webp$/)
    await page.getByTestId('export-path').fill(target)
    await page.getByTestId('export-path').press('Enter')
    await expect(page.getByTestId('export-result')).toContainText(target)
    await attach(page, testInfo, 'exported')
    expect(existsSync(target)).toBe(true)
    expect(await sharp(target).metadata()).toMatchObject({ format: 'webp', width: 1200, height: 800 })
    // Exporting over a file asks first; replacing it writes the new one.
    writeFileSync(target, 'kept until the user says otherwise')
    await page.getByTestId('export-submit').click()
    await expect(page.getByTestId('export-replace')).toBeFocused()
    expect(readFileSync(target, 'utf8')).toBe('kept until the user says otherwise')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('export-result')).toContainText(target)
    expect(await sharp(target).metadata()).toMatchObject({ format: 'webp', width: 1200, height: 800 })
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('export-dialog')).toHaveCount(0)
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
})

/** The masked version differs from the original in the painted band (left of the middle) and is equal to it on the right. */
async function expectChangedOnlyOnTheLeft(library: string, version: Version): Promise<void> {
  const file = join(library, 'versions', version.sha256.slice(0, 2), `${version.sha256}.png`)
  const [made, original] = await Promise.all([
    sharp(file).removeAlpha().raw().toBuffer(),
    sharp(join(library, 'photo-1200.jpg')).removeAlpha().raw().toBuffer()
  ])
  const differs = (x0: number, x1: number) => {
    let count = 0
    for (let y = 0; y < 800; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) if (made[(y * 1200 + x) * 3 + c] !== original[(y * 1200 + x) * 3 + c]) count++
    return count
  }
  expect(differs(800, 1200)).toBe(0)
  expect(differs(0, 600)).toBeGreaterThan(10_000)
}

test('Esc cancels a running apply and nothing is stored', async ({ page, library, studioCall }, testInfo) => {
  await installStyleModel(studioCall, library)
  await openPhoto(page, library, 4000, 2667)
  await page.getByTestId('apply-size').fill('')
  await page.getByTestId('apply-button').click()
  await expect(page.getByTestId('apply-progress')).toBeVisible()
  await expect(page.getByTestId('apply-progress')).toContainText(/Applying: \d+ of \d+/)
  await attach(page, testInfo, 'applying')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('apply-outcome')).toHaveAttribute('data-status', 'cancelled')
  await expect(page.getByTestId('version-entry')).toHaveCount(1)
  expect((await studioCall('library:versions', { imageId: 1 })).versions).toEqual([])
})
