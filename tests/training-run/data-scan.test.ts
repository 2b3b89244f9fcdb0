import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectTrainingData } from '../../src-main/training/data/inspect-data'
import { tempDir } from '../helpers/temp-dir'
import { copyPhotos, writeGreyJpeg, writeTinyPng, writeTruncatedJpeg } from './data-fixtures'

const problemsOf = (report: { problems: { side: string; file: string; code: string; severity: string }[] }) =>
  report.problems.map(({ side, file, code, severity }) => `${side} ${file} ${code} ${severity}`).sort()

describe('training data inspection', () => {
  it('counts unpaired folders recursively and lists each bad file with its reason, before anything starts', async () => {
    const root = tempDir()
    const a = join(root, 'day')
    const b = join(root, 'night')
    copyPhotos('day', 4, a)
    const night = copyPhotos('night', 2, join(b, 'inner'))
    writeTruncatedJpeg(join(a, 'half.jpg'))
    await writeTinyPng(join(a, 'tiny.png'))
    await writeGreyJpeg(join(b, 'grey.jpg'))
    writeFileSync(join(a, 'notes.txt'), 'not a photo')
    writeFileSync(join(a, '.hidden.jpg'), 'clutter is not reported')

    const { report, dataset } = await inspectTrainingData({ mode: 'cyclegan', a, b }, 128)

    expect(report.errors).toEqual([])
    expect([report.a.files, report.a.usable, report.b?.files, report.b?.usable]).toEqual([7, 4, 3, 3])
    expect(problemsOf(report)).toEqual([
      'a half.jpg truncated skipped',
      'a notes.txt not-an-image skipped',
      'a tiny.png too-small skipped',
      'b grey.jpg grayscale warning'
    ])
    expect(report.problems.find((p) => p.code === 'too-small')?.message).toBe('20×20 is smaller than the 128 px training crop')
    expect(report.a.preview).toHaveLength(4)
    expect(report.a.preview[0]?.dataUrl).toMatch(/^data:image\/webp;base64,/)
    expect(dataset?.b).toEqual(['grey.jpg', ...night.map((name) => `inner/${name}`)])
    expect(dataset?.a).toHaveLength(4)
  })

  it('pairs A/ and B/ inside one folder by file name, whatever the extension, and reports the unpaired', async () => {
    const root = tempDir()
    const names = copyPhotos('color', 3, join(root, 'A'), (i) => `p${i}.jpg`)
    copyPhotos('color', 2, join(root, 'B'), (i) => `p${i}.jpg`)
    copyPhotos('color', 1, join(root, 'B'), () => 'extra.jpg')
    const { report, dataset } = await inspectTrainingData({ mode: 'pix2pix', a: root }, 64)
    expect(names).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg'])
    expect(report.pairs).toBe(2)
    expect(dataset && [dataset.rootA, dataset.rootB, dataset.a, dataset.b]).toEqual([join(root, 'A'), join(root, 'B'), ['p0.jpg', 'p1.jpg'], ['p0.jpg', 'p1.jpg']])
    expect(problemsOf(report)).toEqual(['a p2.jpg unpaired skipped', 'b extra.jpg unpaired skipped'])
  })

  it('finds train/A and train/B too', async () => {
    const root = tempDir()
    copyPhotos('color', 2, join(root, 'train', 'A'))
    copyPhotos('color', 2, join(root, 'train', 'B'))
    const { report } = await inspectTrainingData({ mode: 'pix2pix', a: root }, 64)
    expect([report.errors, report.pairs, report.a.folder]).toEqual([[], 2, join(root, 'train', 'A')])
  })

  it('colorization skips greyscale photos: there is no colour to learn from', async () => {
    const root = tempDir()
    copyPhotos('color', 2, root)
    await writeGreyJpeg(join(root, 'grey.jpg'))
    const { report, dataset } = await inspectTrainingData({ mode: 'colorize', a: root }, 64)
    expect(report.a.usable).toBe(2)
    expect(problemsOf(report)).toEqual(['a grey.jpg grayscale skipped'])
    expect(dataset?.a).toEqual(dataset?.b)
  })

  it('says precisely why a choice cannot start: a missing folder, an empty one, no usable image, no pairs', async () => {
    const root = tempDir()
    const empty = join(root, 'empty')
    mkdirSync(empty)
    const small = join(root, 'small')
    mkdirSync(small)
    await writeTinyPng(join(small, 'a.png'))
    const day = join(root, 'day')
    copyPhotos('day', 1, day)

    const missing = await inspectTrainingData({ mode: 'colorize', a: join(root, 'nope') }, 64)
    expect(missing.report.errors).toEqual([`${join(root, 'nope')} is not a folder`])
    const none = await inspectTrainingData({ mode: 'cyclegan', a: empty, b: small }, 64)
    expect(none.report.errors).toEqual([`${empty} is empty: no files found (hidden files are left out)`, `${small} has no image the run could use (see the problems listed)`])
    expect(none.dataset).toBeUndefined()
    const unpaired = await inspectTrainingData({ mode: 'pix2pix', a: day, b: small }, 8)
    expect(unpaired.report.errors).toEqual(['no file in A has a partner of the same name in B'])
    const layout = await inspectTrainingData({ mode: 'pix2pix', a: day }, 64)
    expect(layout.report.errors[0]).toMatch(/should hold A\/ and B\/ \(or train\/A and train\/B\)/)
  })
})
