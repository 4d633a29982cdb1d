/**
 * `<word>`s outside code spans. Web Chat renders bot text as Markdown with HTML allowed, so a bare `<scenario>`
 * is taken for an unknown tag and dropped ("/start voor een bepaalde"); inside backticks it shows as written.
 */
export function placeholdersOutsideCode(markdown: string): string[] {
  return markdown.replace(/`[^`]*`/g, '').match(/<[a-z@][^>]*>/gi) ?? [];
}
