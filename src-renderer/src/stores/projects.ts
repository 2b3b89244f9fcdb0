import type { Project } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { studio } from '../api'

export const useProjectsStore = defineStore('projects', () => {
  const projects = ref<Project[]>([])

  async function load(): Promise<void> {
    projects.value = (await studio.library.projects({})).projects
  }

  async function create(name: string): Promise<Project> {
    const project = await studio.library.createProject({ name })
    await load()
    return project
  }

  async function rename(id: number, name: string): Promise<void> {
    await studio.library.renameProject({ id, name })
    await load()
  }

  async function remove(id: number): Promise<void> {
    await studio.library.deleteProject({ id })
    await load()
  }

  async function addImages(projectId: number, ids: number[]): Promise<number> {
    return (await studio.library.addToProject({ projectId, ids })).count
  }

  async function removeImages(projectId: number, ids: number[]): Promise<number> {
    return (await studio.library.removeFromProject({ projectId, ids })).count
  }

  studio.on('library:changed', () => void load())

  return { projects, load, create, rename, remove, addImages, removeImages }
})
