/** "2 hr, 5 min" / "3 min, 20 sec" / "45 sec" in the user's language; the two largest units only. */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.max(0, Math.round(seconds))
  const parts: Array<[number, 'day' | 'hour' | 'minute' | 'second']> = [
    [Math.floor(total / 86_400), 'day'],
    [Math.floor(total / 3600) % 24, 'hour'],
    [Math.floor(total / 60) % 60, 'minute'],
    [total % 60, 'second']
  ]
  const first = parts.findIndex(([value]) => value > 0)
  const kept = first < 0 ? [parts[3]!] : parts.slice(first, first + 2).filter(([value]) => value > 0)
  const unit = (value: number, name: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value)
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(kept.map(([value, name]) => unit(value, name)))
}
