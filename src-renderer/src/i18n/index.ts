import type { Language } from '@contract'
import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'

export type MessageSchema = typeof en

/** Composition mode; messages are compiled just in time by an interpreter, never with eval, so a strict CSP holds. */
export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN }
})

export const languages: Array<{ value: Language; label: string }> = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文' }
]

export function applyLanguage(language: Language): void {
  i18n.global.locale.value = language
  document.documentElement.lang = language
}
