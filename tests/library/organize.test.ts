import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Library } from '../../src-main/library/library'
import { actualStoreFiles, copyPhoto, expectedStoreFiles, openLibrary, tempDir } from './fixtures'

const ALL = { trashed: false, sort: 'oldest', offset: 0, limit: 100 } as const

describe('tags, projects and the trash', () => {
  let library: Library
  let a: number, b: number, c: number

  beforeEach(async () => {
    const src = tempDir()
    library = openLibrary(tempDir())
    const report = await library.importSources(['a', 'b', 'c'].map((name, i) => ({ path: copyPhoto(i, join(src, `${name}.jpg`)) })))
    ;[a, b, c] = report.imported.map((image) => image.id)
  })

  it('adds and removes tags many-to-many, trimmed and case-insensitive, dropping unused ones', () => {
    expect(library.setTags([a, b], [' Cat ', 'cat', 'Dog'], [])).toBe(2)
    expect(library.setTags([a], ['CAT'], [])).toBe(0)
    expect(library.tags()).toEqual([
      { name: 'Cat', count: 2 },
      { name: 'Dog', count: 2 }
    ])
    expect(library.setTags([a, 999], [], ['dog'])).toBe(1)
    expect(library.get(a).tags).toEqual(['Cat'])
    expect(library.list({ ...ALL, tag: 'CAT' }).items.map((i) => i.id)).toEqual([a, b])
    expect(library.setTags([b], [], ['DOG'])).toBe(1)
    expect(library.tags()).toEqual([{ name: 'Cat', count: 2 }])
    expect(() => library.setTags([a], ['   '], [])).toThrow(expect.objectContaining({ code: 'invalid' }))
  })

  it('re-cases a tag when it is removed and added in one call', () => {
    library.setTags([a], ['bird'], [])
    library.setTags([a], ['Bird'], ['bird'])
    expect(library.tags()).toEqual([{ name: 'Bird', count: 1 }])
  })

  it('creates, renames and deletes projects with unique names, keeping the images', () => {
    const trip = library.createProject('  Trip ')
    expect(trip).toMatchObject({ name: 'Trip', imageCount: 0 })
    expect(Number.isNaN(Date.parse(trip.createdAt))).toBe(false)
    expect(() => library.createProject('TRIP')).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('"Trip" already exists') }))
    const other = library.createProject('Other')
    expect(() => library.renameProject(other.id, 'trip')).toThrow(expect.objectContaining({ code: 'invalid' }))
    expect(library.renameProject(trip.id, 'TRIP').name).toBe('TRIP')
    expect(() => library.renameProject(999, 'x')).toThrow(expect.objectContaining({ code: 'not-found' }))

    expect(library.addToProject(trip.id, [a, b, 999])).toBe(2)
    expect(library.addToProject(trip.id, [a])).toBe(0)
    expect(() => library.addToProject(999, [a])).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(library.list({ ...ALL, projectId: trip.id }).items.map((i) => i.id)).toEqual([a, b])
    expect(library.get(a).projectIds).toEqual([trip.id])
    expect(library.removeFromProject(trip.id, [a])).toBe(1)
    expect(library.projects()).toMatchObject([
      { name: 'Other', imageCount: 0 },
      { name: 'TRIP', imageCount: 1 }
    ])

    expect(library.deleteProject(trip.id)).toBe(1)
    expect(library.deleteProject(trip.id)).toBe(0)
    expect(library.get(b).projectIds).toEqual([])
    expect(library.list(ALL).total).toBe(3)
  })

  it('trashes and restores, hiding trashed images from lists and counts', () => {
    const project = library.createProject('P')
    library.addToProject(project.id, [a, b])
    library.setTags([a, b], ['t'], [])

    expect(library.trash([a, b])).toBe(2)
    expect(library.trash([a])).toBe(0)
    expect(library.list(ALL).items.map((i) => i.id)).toEqual([c])
    expect(library.list({ ...ALL, trashed: true }).items.map((i) => i.id)).toEqual([a, b])
    expect(library.get(a).trashed).toBe(true)
    expect(library.projects()[0].imageCount).toBe(0)
    expect(library.tags()).toEqual([{ name: 't', count: 0 }])

    expect(library.restore([a, c])).toBe(1)
    expect(library.list(ALL).items.map((i) => i.id)).toEqual([a, c])
  })

  it('empties the trash for good: rows, links, files and tiles', async () => {
    const project = library.createProject('P')
    library.addToProject(project.id, [b])
    library.setTags([b], ['only-b'], [])
    library.setTags([a, b], ['shared'], [])
    const gone = library.get(b)
    await library.deepZoom(b)
    const tiles = join(library.root, 'cache', 'tiles', gone.sha256)
    expect(existsSync(tiles)).toBe(true)
    library.trash([b])

    expect(library.emptyTrash()).toBe(1)

    expect(() => library.get(b)).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(library.list({ ...ALL, trashed: true }).total).toBe(0)
    expect(library.tags()).toEqual([{ name: 'shared', count: 1 }])
    expect(library.projects()[0].imageCount).toBe(0)
    expect(existsSync(join(library.root, 'originals', gone.sha256.slice(0, 2), `${gone.sha256}.jpg`))).toBe(false)
    expect(existsSync(join(library.root, 'thumbs', gone.sha256.slice(0, 2), `${gone.sha256}.webp`))).toBe(false)
    expect(existsSync(tiles)).toBe(false)
    expect(actualStoreFiles(library.root)).toEqual(expectedStoreFiles(library.root))
    expect(library.emptyTrash()).toBe(0)
  })
})
