/** Reading Adaptive Card JSON in tests: every object in the tree, and the elements of one type. */
export type CardNode = Record<string, unknown>;

export function allNodes(value: unknown, out: CardNode[] = []): CardNode[] {
  if (Array.isArray(value)) value.forEach((v) => allNodes(v, out));
  else if (value && typeof value === 'object') {
    out.push(value as CardNode);
    Object.values(value).forEach((v) => allNodes(v, out));
  }
  return out;
}

export const ofType = (card: object, type: string) => allNodes(card).filter((n) => n.type === type);
