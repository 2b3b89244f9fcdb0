import { describe, expect, it } from 'vitest'
import { defaultExportPath, withFormatExtension } from '../../src-renderer/src/editor/export-path'

describe('defaultExportPath', () => {
  it('puts the export beside the photo it was imported from, named after the image and the version', () => {
    const path = defaultExportPath({ imageName: 'holiday/IMG_1.JPG', sourcePath: '/home/ann/photos/holiday/IMG_1.JPG', libraryPath: '/home/ann/GAN Studio', suffix: 'colorize-v2', format: 'webp' })
    expect(path).toBe('/home/ann/photos/holiday/IMG_1-colorize-v2.webp')
  })

  it('uses the folder holding the library, never the library itself, for uploads; keeps Windows separators', () => {
    expect(defaultExportPath({ imageName: 'a.png', sourcePath: null, libraryPath: '/srv/studio/library/', suffix: 'copy', format: 'jpeg' })).toBe('/srv/studio/a-copy.jpg')
    expect(defaultExportPath({ imageName: 'a.png', sourcePath: 'C:\\Photos\\a.png', libraryPath: 'C:\\Lib', suffix: 'sketch-v1', format: 'tiff' })).toBe('C:\\Photos\\a-sketch-v1.tif')
  })

  it('makes names safe', () => {
    expect(defaultExportPath({ imageName: 'what?:*.jpg', sourcePath: null, libraryPath: '/x/lib', suffix: 'a/b', format: 'png' })).toBe('/x/what_-a_b.png')
  })
})

describe('withFormatExtension', () => {
  it('swaps a known extension and appends one otherwise', () => {
    expect(withFormatExtension('/out/a.png', 'jpeg')).toBe('/out/a.jpg')
    expect(withFormatExtension('/out/a.JPEG', 'tiff')).toBe('/out/a.tif')
    expect(withFormatExtension('/out/a.v2', 'webp')).toBe('/out/a.v2.webp')
  })
})
