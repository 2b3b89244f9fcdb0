import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { expect, test } from './studio-fixture'

const photos = join(import.meta.dirname, '..', 'fixtures', 'photos')
const photoFiles = readdirSync(photos).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort()

/** Drops files on an element the way a browser does, with real bytes. */
async function dropFiles(page: import('@playwright/test').Page, testId: string, files: Array<{ name: string; bytes: Buffer; type: string }>) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, data: f.bytes.toString('base64') }))
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer()
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0))
      dt.items.add(new File([bytes], item.name, { type: item.type }))
    }
    return dt
  }, payload)
  const target = page.getByTestId(testId)
  await target.dispatchEvent('dragenter', { dataTransfer })
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}

test('drop photos and a folder with a corrupt file, then zoom into one in the Editor', async ({ page, library }, testInfo) => {
  await expect(page.getByTestId('compute-badge')).toContainText(/onnxruntime/i)

  const [first, second, third, fourth] = photoFiles
  await dropFiles(page, 'dropzone', [
    { name: first!, bytes: readFileSync(join(photos, first!)), type: 'image/jpeg' },
    { name: second!, bytes: readFileSync(join(photos, second!)), type: 'image/jpeg' }
  ])
  await expect(page.getByTestId('thumb')).toHaveCount(2)

  const folder = join(library, '..', `photos-to-import`)
  mkdirSync(join(folder, 'holiday', 'day2'), { recursive: true })
  const whole = readFileSync(join(photos, third!))
  writeFileSync(join(folder, 'holiday', third!), whole)
  writeFileSync(join(folder, 'holiday', 'broken.jpg'), whole.subarray(0, Math.floor(whole.length / 2)))
  writeFileSync(join(folder, 'holiday', 'notes.txt'), 'not a photo')
  await sharp(join(photos, fourth!)).resize(4800, 3200, { fit: 'fill' }).jpeg({ quality: 85 }).toFile(join(folder, 'holiday', 'day2', 'big.jpg'))
  await page.getByTestId('import-folder-input').setInputFiles(folder)

  const failed = page.getByTestId('import-failed-item')
  await expect(page.getByTestId('import-report')).toBeVisible()
  await expect(failed.filter({ hasText: 'broken.jpg' })).toContainText(/truncated/i)
  await expect(failed.filter({ hasText: 'notes.txt' })).toContainText(/not an image/i)
  await expect(page.getByTestId('thumb')).toHaveCount(4)
  await page.screenshot({ path: testInfo.outputPath('library.png') })

  await page.locator('[data-testid="thumb"][data-name$="big.jpg"]').dblclick()
  const stage = page.getByTestId('editor-stage')
  await expect(stage).toBeVisible()
  const zoom = page.getByTestId('zoom-level')
  await expect(zoom).toHaveText(/\d+%/)
  const fitted = parseInt((await zoom.textContent())!, 10)
  await page.getByTestId('zoom-in').click()
  await page.getByTestId('zoom-in').click()
  await expect.poll(async () => parseInt((await zoom.textContent())!, 10)).toBeGreaterThan(fitted)
  const fullResTile = page.waitForResponse((r) => /\/media\/tile\/[0-9a-f]{64}\/13\//.test(r.url()) && r.status() === 200)
  await page.getByTestId('zoom-100').click()
  await expect(zoom).toHaveText('100%')
  await fullResTile
  await page.keyboard.press('0')
  await expect.poll(async () => parseInt((await zoom.textContent())!, 10)).toBe(fitted)
  await page.keyboard.press('1')
  await expect(zoom).toHaveText('100%')
  await page.waitForLoadState('networkidle')
  const shot = await page.screenshot({ path: testInfo.outputPath('editor-100.png') })
  await testInfo.attach('editor at 100%', { body: shot, contentType: 'image/png' })
})

test('cancels a long import with Esc and keeps what was already imported', async ({ page, library }) => {
  const folder = join(library, '..', 'many-photos')
  mkdirSync(folder, { recursive: true })
  for (let i = 0; i < 40; i++) {
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: i * 6, g: 90, b: 140 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toFile(join(folder, `p${String(i).padStart(2, '0')}.jpg`))
  }
  await page.getByTestId('import-folder-input').setInputFiles(folder)
  await expect(page.getByTestId('job-progress')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('import-report')).toContainText('Import cancelled')
  const cancelledReport = (await page.getByTestId('import-report').textContent()) ?? ''
  const imported = Number(/(\d+) imported/.exec(cancelledReport)?.[1] ?? 0)
  expect(imported).toBeLessThan(40)
  await expect(page.getByTestId('library-count')).toHaveAttribute('data-total', String(imported))
  await page.getByTestId('import-folder-input').setInputFiles(folder)
  await expect(page.getByTestId('import-report')).toContainText('Import finished')
  await expect(page.getByTestId('import-report')).toContainText(`${40 - imported} imported`)
  await expect(page.getByTestId('library-count')).toHaveAttribute('data-total', '40')
})
