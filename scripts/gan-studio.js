#!/usr/bin/env node
// The `gan-studio` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api'

register()
await import('../src-main/cli/index.ts')
