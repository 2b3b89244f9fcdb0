import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './studio-fixture'

const photos = join(import.meta.dirname, '..', 'fixtures', 'photos')
const photoPaths = readdirSync(photos).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(photos, f))
const thumb = (page: import('@playwright/test').Page, name: string) => page.locator(`[data-testid="thumb"][data-name*="${name}"]`)

test('search, project, tag, trash and restore, empty the trash — by keyboard where a person would', async ({ page }, testInfo) => {
  await page.getByTestId('import-files-input').setInputFiles(photoPaths)
  await expect(page.getByTestId('thumb')).toHaveCount(photoPaths.length)

  await page.getByTestId('search-input').fill('fish')
  await expect(page.getByTestId('thumb')).toHaveCount(1)
  await page.getByTestId('search-input').fill('')
  await expect(page.getByTestId('thumb')).toHaveCount(photoPaths.length)

  await page.getByRole('textbox', { name: 'New project name' }).fill('Trip')
  await page.keyboard.press('Enter')
  await thumb(page, 'fish28').click()
  await page.getByRole('button', { name: 'Add 1 selected to Trip' }).click()
  await page.getByLabel('Add a tag').fill('sea')
  await page.keyboard.press('Enter')
  await page.getByRole('complementary', { name: /projects/i }).getByText('Trip').click()
  await expect(page.getByTestId('thumb')).toHaveCount(1)
  await expect(thumb(page, 'fish28')).toBeVisible()
  await page.getByRole('complementary', { name: /projects/i }).getByText('All images').click()
  await page.getByRole('combobox', { name: /tag/i }).selectOption('sea')
  await expect(page.getByTestId('thumb')).toHaveCount(1)
  await page.getByRole('combobox', { name: /tag/i }).selectOption({ index: 0 })

  await thumb(page, 'cabrillo').click()
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('thumb')).toHaveCount(photoPaths.length - 1)
  await page.getByTestId('trash-view').click()
  await expect(page.getByTestId('thumb')).toHaveCount(1)
  await thumb(page, 'cabrillo').click()
  await page.getByTestId('restore').click()
  await expect(page.getByTestId('thumb')).toHaveCount(0)

  await page.getByRole('complementary', { name: /projects/i }).getByText('All images').click()
  await expect(page.getByTestId('thumb')).toHaveCount(photoPaths.length)
  await thumb(page, 'drop').click()
  await page.keyboard.press('Delete')
  await page.getByTestId('trash-view').click()
  await page.getByTestId('empty-trash').click()
  await page.getByTestId('empty-trash-confirm').click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('trash-emptied.png') })
})

test('switches to Simplified Chinese and keeps it after a reload', async ({ page }) => {
  await page.keyboard.press('Control+6')
  await page.getByTestId('language-select').selectOption('zh-CN')
  await expect(page.getByTestId('nav-library')).toContainText('图库')
  await page.reload()
  await expect(page.getByTestId('nav-library')).toContainText('图库')
})
