/** Schema validation for the content files (rule files, learned models), with problems that name file and field. */
import type { ErrorObject } from 'ajv';

function describe(file: string, e: ErrorObject): string {
  let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
  let msg = e.message ?? 'is invalid';
  // A bad key (propertyNames) is named by the key itself: "labels.shout_back", not "labels".
  if (e.propertyName !== undefined) field = field === '(root)' ? e.propertyName : `${field}.${e.propertyName}`;
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    field = field === '(root)' ? String(extra) : `${field}.${extra}`;
    msg = 'is not a known field';
  } else if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    field = field === '(root)' ? String(missing) : `${field}.${missing}`;
    msg = 'is required';
  } else if (e.keyword === 'enum') {
    msg = `must be one of ${(e.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')}`;
  }
  return `${file}: ${field}: ${msg}`;
}

/** Validates one parsed content file; returns readable problems ("nl.yaml: rules.3.label: must be one of ..."). */
export function validateRuleSet(data: unknown, file: string, schema: object): string[] {
  // Required here, not at the top: a cold start with a valid cache needs neither ajv nor yaml.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: a cached cold start needs no ajv
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // oneOf/if noise last; the specific errors first.
  const specific = errors.filter((e) => e.keyword !== 'oneOf');
  // A bad key gives two errors (the key's own, then "property name must be valid"): keep the first.
  const named = specific.filter((e) => e.keyword !== 'propertyNames');
  return (named.length > 0 ? named : specific.length > 0 ? specific : errors)
    .slice(0, 10)
    .map((e) => describe(file, e));
}
