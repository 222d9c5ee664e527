/**
 * The walk singer-check-tap (singer-tools 0.4.1) makes over every RECORD: it validates with jsonschema's
 * Draft4Validator extended so that each `properties` keyword, wherever validation reaches one, also runs
 * `set_defaults`, which for every property whose schema has a `format` calls `instance.get(prop)`, and parses
 * non-null `date-time` values as RFC 3339. Validation reaches a `properties` keyword for whatever value sits
 * there, null included, so a null object whose schema has formatted properties crashes the tool with
 * `AttributeError: 'NoneType' object has no attribute 'get'`. This reproduces that walk; it throws the
 * tool's error where the tool would crash.
 */
export function checkTapWalk(schema: Record<string, any>, instance: unknown, path = 'record'): void {
  if (schema.properties && typeof schema.properties === 'object') {
    const isObject = typeof instance === 'object' && instance !== null && !Array.isArray(instance);
    if (isObject) {
      for (const [prop, sub] of Object.entries(schema.properties as Record<string, any>)) {
        const value = (instance as Record<string, unknown>)[prop];
        if (value !== undefined) checkTapWalk(sub, value, `${path}.${prop}`);
      }
    }
    for (const [prop, sub] of Object.entries(schema.properties as Record<string, any>)) {
      if (!('format' in sub)) continue;
      if (!isObject)
        throw new Error(`AttributeError: '${pythonType(instance)}' object has no attribute 'get' (at ${path}, property ${prop})`);
      const value = (instance as Record<string, unknown>)[prop];
      if (sub.format === 'date-time' && value !== null && value !== undefined && !isRfc3339(value)) {
        throw new Error(`Error parsing property ${prop}, value ${String(value)} (at ${path})`);
      }
    }
  }
  if (schema.items && Array.isArray(instance)) {
    for (const [i, item] of instance.entries()) checkTapWalk(schema.items, item, `${path}[${i}]`);
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[keyword] as Array<Record<string, any>> | undefined) ?? []) checkTapWalk(branch, instance, path);
  }
}

function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** strict_rfc3339's form: `2019-03-11T15:17:25Z`, fractional seconds and an offset allowed. */
function isRfc3339(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
}
