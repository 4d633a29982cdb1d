/**
 * Checks an Adaptive Card against a schema version with Microsoft's own
 * `adaptivecards` library (the UMD bundle: its `lib/` build is ESM that node's
 * `require` cannot load; the bundle needs no DOM to parse and validate).
 *
 * Three checks, all reported as strings:
 * 1. parse events at the target version: unknown or too-new element and action
 *    types, properties newer than the version, invalid values;
 * 2. `validateProperties()`: required properties, duplicate ids, nesting rules;
 * 3. a strict walk of the JSON against the library's own property lists, because
 *    the library silently ignores unknown properties (a typo such as `colour`
 *    would otherwise pass), plus `targetElements` that point at no element.
 *
 * For tests and development checks; the bot does not need it at runtime.
 */

interface AcVersion {
  toString(): string;
  compareTo(other: AcVersion): number;
}
interface AcSchemaProperty {
  name: string;
  targetVersion: AcVersion;
}
interface AcSerializable {
  getSchema(): { getCount(): number; getItemAt(i: number): AcSchemaProperty };
}
interface AcEvent {
  message: string;
  source?: unknown;
}
interface AcContext {
  eventCount: number;
  getEventAt(i: number): AcEvent;
}
interface AcCard extends AcSerializable {
  parse(json: unknown, context: AcContext): void;
  validateProperties(): { validationEvents: AcEvent[] };
}
interface AcRegistry {
  findByName(name: string): { schemaVersion: AcVersion } | undefined;
  createInstance(name: string, version: AcVersion): AcSerializable | undefined;
}
interface AcModule {
  Version: new (major: number, minor: number) => AcVersion;
  SerializationContext: new (version: AcVersion) => AcContext;
  AdaptiveCard: new () => AcCard;
  Column: new () => AcSerializable;
  Fact: new () => AcSerializable;
  TableColumnDefinition: new () => AcSerializable;
  TableRow: new () => AcSerializable;
  TableCell: new () => AcSerializable;
  TextRun: new () => AcSerializable;
  GlobalRegistry: { defaultElements: AcRegistry; defaultActions: AcRegistry };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the UMD bundle by path: the package's ESM build cannot be required
const AC = require('adaptivecards/dist/adaptivecards.js') as AcModule;

// The library checks `lang` with a global RegExp and `exec`, whose lastIndex survives between
// calls: every second card with a valid `lang` would be reported invalid. Use a stateless copy.
const langProperty = (AC as unknown as { CardElement?: { langProperty?: { regEx?: RegExp } } }).CardElement
  ?.langProperty;
if (langProperty?.regEx?.global)
  langProperty.regEx = new RegExp(langProperty.regEx.source, langProperty.regEx.flags.replace('g', ''));

/** Properties the library parses by hand (not in its schema lists), by owner. */
const CHILD_KEYS: Record<string, string[]> = {
  AdaptiveCard: ['body', 'actions', 'fallback'],
  Container: ['items', 'fallback'],
  Column: ['items', 'fallback'],
  TableCell: ['items'],
  ColumnSet: ['columns', 'fallback'],
  ActionSet: ['actions', 'fallback'],
  ImageSet: ['images', 'fallback'],
  Table: ['rows', 'fallback'],
  TableRow: ['cells'],
  RichTextBlock: ['inlines', 'fallback'],
  'Action.ShowCard': ['card', 'fallback'],
};
/** Host extensions that the Adaptive Cards schema leaves to hosts. */
const HOST_KEYS: Record<string, string[]> = { AdaptiveCard: ['msteams'] };

function parseVersion(version: string): AcVersion {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`validateAdaptiveCard: bad version "${version}"`);
  return new AC.Version(Number(match[1]), Number(match[2]));
}

function schemaNames(obj: AcSerializable, version: AcVersion): { allowed: Set<string>; tooNew: Map<string, string> } {
  const schema = obj.getSchema();
  const allowed = new Set<string>();
  const tooNew = new Map<string, string>();
  for (let i = 0; i < schema.getCount(); i++) {
    const prop = schema.getItemAt(i);
    if (prop.targetVersion.compareTo(version) <= 0) allowed.add(prop.name);
    else tooNew.set(prop.name, prop.targetVersion.toString());
  }
  return { allowed, tooNew };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The strict walk: every key must be a property the library knows at this version. */
function walk(json: unknown, version: AcVersion, errors: string[], ids: Set<string>, targets: string[]): void {
  const at = (path: string, message: string) => errors.push(`${path}: ${message}`);

  const checkKeys = (obj: Record<string, unknown>, model: AcSerializable, owner: string, path: string) => {
    const { allowed, tooNew } = schemaNames(model, version);
    const extra = new Set([...(CHILD_KEYS[owner] ?? []), ...(HOST_KEYS[owner] ?? [])]);
    for (const key of Object.keys(obj)) {
      if (allowed.has(key) || extra.has(key)) continue;
      if (tooNew.has(key)) at(path, `property "${key}" of ${owner} needs version ${tooNew.get(key)}`);
      else at(path, `unknown property "${key}" on ${owner}`);
    }
    if (typeof obj.id === 'string') ids.add(obj.id);
  };

  const element = (value: unknown, path: string) => {
    if (!isObject(value)) return at(path, 'element is not an object');
    const type = String(value.type);
    const model = AC.GlobalRegistry.defaultElements.createInstance(type, version);
    if (!model) return at(path, `element type "${type}" is unknown or newer than ${version.toString()}`);
    checkKeys(value, model, type, path);
    children(value, type, path);
  };

  const action = (value: unknown, path: string) => {
    if (!isObject(value)) return at(path, 'action is not an object');
    const type = String(value.type);
    const model = AC.GlobalRegistry.defaultActions.createInstance(type, version);
    if (!model) return at(path, `action type "${type}" is unknown or newer than ${version.toString()}`);
    checkKeys(value, model, type, path);
    if (type === 'Action.ShowCard') card(value.card, `${path}.card`, false);
    if (type === 'Action.ToggleVisibility' && Array.isArray(value.targetElements)) {
      for (const target of value.targetElements)
        targets.push(typeof target === 'string' ? target : isObject(target) ? String(target.elementId) : '');
    }
  };

  const list = (value: unknown, path: string, each: (item: unknown, path: string) => void) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return at(path, 'expected an array');
    value.forEach((item, i) => each(item, `${path}[${i}]`));
  };

  const typed = (value: unknown, path: string, model: AcSerializable, owner: string) => {
    if (!isObject(value)) return at(path, `${owner} is not an object`);
    checkKeys(value, model, owner, path);
    children(value, owner, path);
  };

  function children(value: Record<string, unknown>, type: string, path: string) {
    if (isObject(value.selectAction)) action(value.selectAction, `${path}.selectAction`);
    if (isObject(value.fallback)) element(value.fallback, `${path}.fallback`);
    switch (type) {
      case 'Container':
      case 'Column':
      case 'TableCell':
        return list(value.items, `${path}.items`, element);
      case 'ColumnSet':
        return list(value.columns, `${path}.columns`, (c, p) => typed(c, p, new AC.Column(), 'Column'));
      case 'ActionSet':
        return list(value.actions, `${path}.actions`, action);
      case 'ImageSet':
        return list(value.images, `${path}.images`, element);
      case 'FactSet':
        return list(value.facts, `${path}.facts`, (f, p) => typed(f, p, new AC.Fact(), 'Fact'));
      case 'RichTextBlock':
        return list(value.inlines, `${path}.inlines`, (r, p) =>
          typeof r === 'string' ? undefined : typed(r, p, new AC.TextRun(), 'TextRun'),
        );
      case 'Table':
        list(value.columns, `${path}.columns`, (c, p) =>
          typed(c, p, new AC.TableColumnDefinition(), 'TableColumnDefinition'),
        );
        return list(value.rows, `${path}.rows`, (r, p) => typed(r, p, new AC.TableRow(), 'TableRow'));
      case 'TableRow':
        return list(value.cells, `${path}.cells`, (c, p) => typed(c, p, new AC.TableCell(), 'TableCell'));
      default:
        return undefined;
    }
  }

  function card(value: unknown, path: string, root: boolean) {
    if (!isObject(value)) return at(path, 'card is not an object');
    if (value.type !== 'AdaptiveCard') at(path, 'type must be "AdaptiveCard"');
    checkKeys(value, new AC.AdaptiveCard(), 'AdaptiveCard', path);
    if (root && isObject(value.msteams)) {
      const unknown = Object.keys(value.msteams).filter((k) => !['width', 'entities'].includes(k));
      if (unknown.length > 0) at(`${path}.msteams`, `unknown Teams keys ${unknown.join(', ')}`);
    }
    if (isObject(value.selectAction)) action(value.selectAction, `${path}.selectAction`);
    list(value.body, `${path}.body`, element);
    list(value.actions, `${path}.actions`, action);
  }

  card(json, '$', true);
}

/**
 * Validates a card for a schema version (default 1.5, what Teams supports).
 * Returns the problems found; an empty array means the card is valid.
 *
 * @example
 * expect(validateAdaptiveCard(buildFeedbackCard(report, {}))).toEqual([]);
 */
export function validateAdaptiveCard(json: unknown, version = '1.5'): string[] {
  const target = parseVersion(version);
  const errors: string[] = [];
  if (!isObject(json)) return ['$: card is not an object'];
  if (json.version !== version) errors.push(`$: version is ${String(json.version)}, expected ${version}`);
  const declared =
    typeof json.version === 'string' && /^\d+\.\d+$/.test(json.version) ? parseVersion(json.version) : undefined;
  if (declared && declared.compareTo(target) > 0)
    errors.push(`$: declared version ${String(json.version)} is newer than ${version}`);

  const context = new AC.SerializationContext(target);
  const card = new AC.AdaptiveCard();
  card.parse(JSON.parse(JSON.stringify(json)), context);
  for (let i = 0; i < context.eventCount; i++) errors.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) errors.push(`validate: ${event.message}`);

  const ids = new Set<string>();
  const targets: string[] = [];
  walk(json, target, errors, ids, targets);
  for (const id of targets)
    if (!ids.has(id)) errors.push(`$: Action.ToggleVisibility targets "${id}", which is not in the card`);
  return errors;
}

/** Element and action types used anywhere in a card, for version assertions. */
export function cardTypesUsed(json: unknown): Set<string> {
  const types = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.type === 'string') types.add(value.type);
      for (const [key, child] of Object.entries(value)) if (key !== 'data') visit(child);
    }
  };
  visit(json);
  return types;
}
