import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'
import { expect, test } from './studio-fixture'

test('import an ONNX model through the browser, see its card, export it and remove it', async ({ page, library }, testInfo) => {
  const bytes = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 4, nBlocks: 1, upsampling: 'resize-conv', weights: seededWeights(7) }).bytes
  const modelFile = join(library, 'Charcoal sketch.onnx')
  writeFileSync(modelFile, bytes)
  const junkFile = join(library, 'holiday.onnx')
  writeFileSync(junkFile, readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photos', 'forensics--IMG_20200124_231153.jpg')))

  await page.getByTestId('nav-models').click()
  await expect(page.getByTestId('models-empty')).toBeVisible()

  await page.getByTestId('model-file-input').setInputFiles(junkFile)
  await page.getByTestId('model-import-submit').click()
  await expect(page.getByRole('alert').filter({ hasText: /JPEG/ })).toBeVisible()
  await expect(page.getByTestId('models-empty')).toBeVisible()

  await page.getByTestId('model-file-input').setInputFiles(modelFile)
  await expect(page.getByTestId('model-name-input')).toHaveValue('Charcoal sketch')
  await page.getByTestId('model-task-select').selectOption('sketch')
  await page.getByTestId('model-import-submit').click()
  const card = page.getByTestId('model-charcoal-sketch')
  await expect(card).toBeVisible()
  await expect(card).toBeFocused()
  await expect(card).toContainText('Photo → sketch')
  await expect(card).toContainText('imported')
  await testInfo.attach('models-view', { body: await page.screenshot(), contentType: 'image/png' })

  await page.getByTestId('model-export-charcoal-sketch').click()
  await page.getByTestId('model-export-path-charcoal-sketch').fill(join(library, 'in-the-library.onnx'))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: /inside the library's own folder/ })).toBeVisible()
  const target = join(mkdtempSync(join(tmpdir(), 'gan-studio-model-export-')), 'exported.onnx')
  writeFileSync(target, 'an older export')
  await page.getByTestId('model-export-path-charcoal-sketch').fill(target)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('model-charcoal-sketch').getByRole('alert')).toContainText('already exists')
  expect(readFileSync(target, 'utf8')).toBe('an older export')
  await page.getByTestId('model-export-submit-charcoal-sketch').click()
  await expect.poll(() => readFileSync(target).equals(Buffer.from(bytes))).toBe(true)
  rmSync(dirname(target), { recursive: true, force: true })

  await page.getByTestId('model-remove-charcoal-sketch').click()
  await page.getByTestId('model-remove-confirm').click()
  await expect(card).toHaveCount(0)
  await expect(page.getByTestId('models-empty')).toBeVisible()
})

test('the execution provider chosen in Settings persists and unavailable ones say so', async ({ page }) => {
  await page.getByTestId('nav-settings').click()
  const select = page.getByTestId('provider-select')
  await expect(select).toHaveValue('auto')
  const foreign = process.platform === 'win32' ? 'coreml' : 'dml'
  await expect(select.locator(`option[value="${foreign}"]`)).toBeDisabled()
  await expect(select.locator(`option[value="${foreign}"]`)).toContainText('not available here')
  await select.selectOption('cpu')
  await expect(page.getByTestId('provider-note')).toContainText('threads')
  await page.reload()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('provider-select')).toHaveValue('cpu')
})
