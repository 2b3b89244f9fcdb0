import { beforeEach, describe, expect, it } from 'vitest'
import type { Library } from '../../src-main/library/library'
import type { ListQuery } from '../../src-main/library/images-repo'
import { openLibrary, rawDb, tempDir } from './fixtures'

const COUNT = 10_000

interface Model {
  id: number
  name: string
  importedAt: string
  trashed: boolean
  tags: string[]
  inProject: boolean
}

/** 10,000 rows written straight into SQL, plus the same rows as plain objects to check answers against. */
function seed(root: string, projectId: number): Model[] {
  const db = rawDb(root)
  const model: Model[] = []
  const image = db.prepare(
    `INSERT INTO images (id, sha256, name, ext, width, height, format, space, depth, has_alpha, bytes, imported_at, trashed_at)
     VALUES (?, ?, ?, 'jpg', 640, 480, 'jpeg', 'srgb', 8, 0, 1000, ?, ?)`
  )
  const tag = db.prepare('INSERT INTO image_tags (image_id, tag_id) VALUES (?, ?)')
  const member = db.prepare('INSERT INTO project_images (project_id, image_id) VALUES (?, ?)')
  db.transaction(() => {
    const seven = Number(db.prepare("INSERT INTO tags (name) VALUES ('Seven')").run().lastInsertRowid)
    const odd = Number(db.prepare("INSERT INTO tags (name) VALUES ('odd')").run().lastInsertRowid)
    for (let id = 1; id <= COUNT; id++) {
      const special = id === 4242 ? '100%_real' : id === 4243 ? '100xyreal' : `Photo-${String(id).padStart(5, '0')}`
      const row: Model = {
        id,
        name: `${special}.jpg`,
        // Shuffled timestamps, so "newest" differs from id order; pairs share one to exercise the tie-break.
        importedAt: new Date(Date.UTC(2024, 0, 1) + ((id * 7919) % COUNT >> 1) * 1000).toISOString(),
        trashed: id % 10 === 0,
        tags: [...(id % 7 === 0 ? ['Seven'] : []), ...(id % 2 === 1 ? ['odd'] : [])].sort(),
        inProject: id % 5 === 0
      }
      image.run(id, id.toString(16).padStart(64, '0'), row.name, row.importedAt, row.trashed ? row.importedAt : null)
      if (id % 7 === 0) tag.run(id, seven)
      if (id % 2 === 1) tag.run(id, odd)
      if (row.inProject) member.run(projectId, id)
      model.push(row)
    }
  })()
  return model
}

function expected(model: Model[], query: ListQuery): { total: number; ids: number[] } {
  const text = query.query?.toLowerCase()
  const rows = model.filter(
    (row) =>
      row.trashed === query.trashed &&
      (!text || row.name.toLowerCase().includes(text)) &&
      (!query.tag || row.tags.some((t) => t.toLowerCase() === query.tag!.toLowerCase())) &&
      (query.projectId === undefined || row.inProject)
  )
  const byTime = (a: Model, b: Model): number => a.importedAt.localeCompare(b.importedAt) || a.id - b.id
  const byName = (a: Model, b: Model): number => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id - b.id)
  rows.sort(query.sort === 'name' ? byName : byTime)
  if (query.sort === 'newest') rows.reverse()
  return { total: rows.length, ids: rows.slice(query.offset, query.offset + query.limit).map((row) => row.id) }
}

describe('listing 10,000 images', () => {
  let library: Library
  let model: Model[]
  let projectId: number

  beforeEach(() => {
    const root = tempDir()
    library = openLibrary(root)
    projectId = library.createProject('Fifths').id
    model = seed(root, projectId)
  })

  const base: ListQuery = { trashed: false, sort: 'newest', offset: 0, limit: 200 }
  const queries: [string, Partial<ListQuery>][] = [
    ['the first page, newest first', {}],
    ['a middle page, oldest first', { sort: 'oldest', offset: 4000, limit: 150 }],
    ['the last page by name', { sort: 'name', offset: 8950, limit: 1000 }],
    ['a case-insensitive name search', { query: 'PHOTO-001' }],
    ['a search for LIKE wildcards, taken literally', { query: '%_' }],
    ['a tag, matched case-insensitively', { tag: 'seven', sort: 'name' }],
    ['a project', { projectId: 0, sort: 'oldest', offset: 100 }],
    ['everything at once', { query: '9', tag: 'ODD', projectId: 0, sort: 'name' }],
    ['the trash', { trashed: true, sort: 'name', limit: 1000 }],
    ['a page past the end', { offset: 20_000 }]
  ]

  it.each(queries)('answers %s', (_label, overrides) => {
    const query = { ...base, ...overrides, ...(overrides.projectId === undefined ? {} : { projectId }) }
    const want = expected(model, query)
    const got = library.list(query)
    expect(got.total).toBe(want.total)
    expect(got.items.map((item) => item.id)).toEqual(want.ids)
  })

  it('fills every field of a summary, tags included', () => {
    const item = library.list({ ...base, query: 'photo-00021.' }).items
    expect(item).toEqual([
      {
        id: 21,
        sha256: (21).toString(16).padStart(64, '0'),
        name: 'Photo-00021.jpg',
        width: 640,
        height: 480,
        format: 'jpeg',
        bytes: 1000,
        importedAt: model[20].importedAt,
        trashed: false,
        tags: ['odd', 'Seven']
      }
    ])
  })

  it('finds the one name with literal % and _ and not its look-alike', () => {
    expect(library.list({ ...base, query: '100%_' }).items.map((i) => i.name)).toEqual(['100%_real.jpg'])
  })
})
