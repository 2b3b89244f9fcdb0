import { join } from 'node:path'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import { expect } from './studio-fixture'

const photo = join(import.meta.dirname, '..', 'fixtures', 'photos', 'lxqt--drop.jpg')

/** Imports a photo (resized to `width` × `height`) through the Library's file picker and opens it in the Editor. */
export async function openPhoto(page: Page, library: string, width: number, height: number): Promise<void> {
  const file = join(library, `photo-${width}.jpg`)
  await sharp(photo).resize(width, height, { fit: 'fill' }).jpeg({ quality: 92 }).toFile(file)
  await page.getByTestId('import-files-input').setInputFiles(file)
  await expect(page.getByTestId('thumb')).toHaveCount(1)
  await page.getByTestId('thumb').dblclick()
  await expect(page.getByTestId('compare-view')).toBeVisible()
}
