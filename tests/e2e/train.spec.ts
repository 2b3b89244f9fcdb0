import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './studio-fixture'

const photos = join(import.meta.dirname, '..', 'fixtures', 'library-photos')

/** Two small folders of real photos on the studio's machine; A also holds a file no decoder can read. */
function makeFolders(library: string): { a: string; b: string } {
  const jpegs = readdirSync(photos).filter((name) => name.endsWith('.jpg'))
  const a = join(library, 'train-a')
  const b = join(library, 'train-b')
  mkdirSync(a)
  mkdirSync(b)
  for (const name of jpegs.slice(0, 4)) copyFileSync(join(photos, name), join(a, name))
  for (const name of jpegs.slice(4, 8)) copyFileSync(join(photos, name), join(b, name))
  writeFileSync(join(a, 'broken.jpg'), 'this is not a JPEG at all')
  return { a, b }
}

test('train a tiny CycleGAN through the browser: check folders, watch samples, pause, resume, save as model', async ({ page, library }, testInfo) => {
  test.setTimeout(150_000)
  const { a, b } = makeFolders(library)
  const shot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`)
    await page.screenshot({ path, fullPage: true })
    await testInfo.attach(name, { path, contentType: 'image/png' })
  }

  await page.getByTestId('nav-train').click()
  await page.getByTestId('train-mode-cyclegan').check()
  await page.getByTestId('train-name').fill('Tools A to B')
  await page.getByTestId('train-folder-a').fill(a)
  await page.getByTestId('train-folder-b').fill(b)
  await page.getByTestId('train-preset-fast').check()
  await page.getByTestId('train-option-size').fill('32')
  await page.getByTestId('train-option-steps').fill('40')
  await page.getByTestId('train-option-sampleEvery').fill('4')
  await page.getByTestId('train-advanced').locator('summary').click()
  await page.getByTestId('train-option-ngf').fill('4')
  await page.getByTestId('train-option-ndf').fill('4')
  await page.getByTestId('train-option-blocks').fill('1')
  await page.getByTestId('train-option-loss').selectOption('lsgan')
  await expect(page.getByTestId('train-start')).toBeDisabled()

  await page.getByTestId('train-folder-b').press('Enter')
  const report = page.getByTestId('train-report')
  await expect(report.getByTestId('train-report-a')).toContainText('4 usable of 5 files')
  await expect(report.getByTestId('train-report-b')).toContainText('4 usable of 4 files')
  await expect(report.getByTestId('train-report-a').locator('img')).toHaveCount(4)
  const problem = report.getByTestId('train-problem')
  await expect(problem).toHaveCount(1)
  await expect(problem).toContainText('broken.jpg')
  await expect(problem).toContainText('skipped')
  await shot('train-setup')

  await page.getByTestId('train-start').click()
  const panel = page.getByTestId('run-panel')
  await expect(panel).toBeFocused()
  await expect(panel.getByTestId('run-backend')).toContainText('Backend:')
  const sample = panel.getByTestId('sample-image')
  await expect(sample).toBeVisible({ timeout: 60_000 })
  await expect.poll(() => sample.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  const firstSrc = await sample.getAttribute('src')
  await expect.poll(() => sample.getAttribute('src'), { timeout: 60_000 }).not.toBe(firstSrc)
  await expect(panel.getByTestId('loss-readout')).toContainText(/Step \d+: G_A \d/)
  await expect(panel.getByTestId('balance-meter').getByRole('meter')).toHaveCount(2)
  await shot('train-running')

  await panel.getByTestId('run-pause').click()
  await expect(panel.getByTestId('run-state')).toHaveText('Paused')
  const pausedAt = await panel.getByTestId('run-step').textContent()
  await expect(page.getByTestId('run-list').getByText('resumable')).toBeVisible()

  await panel.getByTestId('loss-plot').focus()
  const readStep = async () => Number(/^Step (\d+): G_A/.exec((await panel.getByTestId('loss-readout').textContent()) ?? '')?.[1])
  await page.keyboard.press('End')
  const lastStep = await readStep()
  await page.keyboard.press('Home')
  const firstStep = await readStep()
  expect(firstStep).toBeLessThan(lastStep)
  await page.keyboard.press('ArrowRight')
  expect(await readStep()).toBeGreaterThan(firstStep)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('run-cancel-confirm')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('run-cancel-confirm')).toHaveCount(0)
  await expect(panel.getByTestId('run-state')).toHaveText('Paused')
  expect(await panel.getByTestId('run-step').textContent()).toBe(pausedAt)

  await panel.getByTestId('loss-plot').focus()
  await page.keyboard.press('Space')
  await expect(panel.getByTestId('run-state')).toHaveText(/Training|Done/)

  await page.reload()
  await expect(page.getByTestId('train-folder-a')).toHaveValue(a)
  await expect(page.getByTestId('train-folder-b')).toHaveValue(b)
  await page.getByTestId('run-list').getByRole('button', { name: /Tools A to B/ }).click()
  await expect(panel.getByTestId('sample-image')).toBeVisible()
  await expect(panel.getByTestId('run-state')).toHaveText('Done', { timeout: 60_000 })
  await expect(panel.getByTestId('run-step')).toHaveText('step 40 of 40')

  await panel.getByTestId('save-model-name').fill('Tools A to B')
  await panel.getByTestId('save-model-task').selectOption('style')
  await panel.getByTestId('save-model-submit').click()
  const result = panel.getByTestId('save-model-result')
  await expect(result).toContainText('as model tools-a-to-b')
  await shot('train-saved')

  await result.getByTestId('open-models').click()
  const card = page.getByTestId('model-tools-a-to-b')
  await expect(card).toBeVisible()
  await expect(card).toContainText('trained here')
  await expect(card).toContainText('Style')
})
