/**
 * Fills `{name}` placeholders in a sentence of ours (bot texts, report labels). Unknown names stay visible,
 * so a missing value shows up in a test instead of vanishing.
 *
 * @example fillTemplate('Van {start} naar {end}', { start: 80, end: 35 }) // 'Van 80 naar 35'
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
