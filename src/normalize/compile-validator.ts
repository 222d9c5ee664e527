import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, RecordValidator, ValidationProblem } from './types.js';

type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;

// ajv-formats is CommonJS: under NodeNext its default export is typed as the module object.
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

let sharedAjv: Ajv | undefined;

/** One Ajv instance for every stream: compiled schemas are cached on it by identity. */
function getAjv(): Ajv {
  if (sharedAjv === undefined) {
    sharedAjv = new Ajv({ allErrors: false, strict: false });
    addFormats(sharedAjv, ['date-time']);
  }
  return sharedAjv;
}

/** The `date-time` format check the validator applies (ajv-formats, full mode): for checks that must agree with it. */
export function dateTimeFormat(): (text: string) => boolean {
  const format = getAjv().formats['date-time'];
  const validate = typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format;
  if (typeof validate !== 'function') throw new Error('ajv has no date-time format function');
  return validate as (text: string) => boolean;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The value an ajv `instancePath` (JSON pointer) names inside the record. */
function valueAt(record: unknown, pointer: string): unknown {
  if (pointer === '') return record;
  let current: unknown = record;
  for (const token of pointer.slice(1).split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describeExpected(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'type') {
    const type = params['type'];
    return Array.isArray(type) ? type.join('|') : String(type);
  }
  if (error.keyword === 'format') return `string (${String(params['format'])})`;
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  const type = schema?.['type'];
  if (Array.isArray(type)) return type.join('|');
  return typeof type === 'string' ? type : error.keyword;
}

function toProblem(error: ErrorObject, record: unknown): ValidationProblem {
  const actual = jsonTypeOf(valueAt(record, error.instancePath));
  return {
    field: error.instancePath === '' ? '/' : error.instancePath,
    expected: describeExpected(error),
    // A string that fails a format is still a string: say which value, so the log shows what arrived.
    actual: error.keyword === 'format' ? `${actual} ${JSON.stringify(valueAt(record, error.instancePath))}` : actual,
    message: error.message ?? `failed ${error.keyword}`,
  };
}

/**
 * Compiles a stream schema into a validator that returns the first problem found (field, expected and actual
 * JSON types, ajv's message) or null when the record is valid.
 */
export function compileValidator(schema: JsonSchema): RecordValidator {
  const validate: ValidateFunction = getAjv().compile(schema);
  return (record) => {
    if (validate(record)) return null;
    const first = validate.errors?.[0];
    if (first === undefined) return { field: '/', expected: 'valid record', actual: jsonTypeOf(record), message: 'invalid' };
    return toProblem(first, record);
  };
}
