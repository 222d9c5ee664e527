import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { checkTapWalk } from './singer-check-tap.js';

/**
 * Checks a stream of Singer messages the way a strict target would: each line one message of a known type
 * with its required fields, SCHEMA before a stream's RECORDs, every RECORD valid against its stream's SCHEMA
 * and walked without a crash the way singer-check-tap walks it.
 * Returns the problems found (empty when valid).
 */
export function validateSingerMessages(messages: Array<Record<string, any>>): string[] {
  const ajv = new Ajv({ strict: false, allErrors: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const schemas = new Map<string, Record<string, any>>();
  const problems: string[] = [];
  messages.forEach((m, i) => {
    const where = `line ${i + 1}`;
    switch (m.type) {
      case 'SCHEMA':
        if (typeof m.stream !== 'string' || typeof m.schema !== 'object' || !Array.isArray(m.key_properties))
          problems.push(`${where}: bad SCHEMA`);
        else {
          validators.set(m.stream, ajv.compile(m.schema));
          schemas.set(m.stream, m.schema);
        }
        break;
      case 'RECORD': {
        const validate = validators.get(m.stream);
        if (!validate) problems.push(`${where}: RECORD for ${m.stream} before its SCHEMA`);
        else if (typeof m.record !== 'object' || !validate(m.record))
          problems.push(`${where}: ${m.stream} record invalid: ${ajv.errorsText(validate.errors)}`);
        else {
          try {
            checkTapWalk(schemas.get(m.stream)!, m.record);
          } catch (error) {
            problems.push(`${where}: ${m.stream} record crashes singer-check-tap: ${(error as Error).message}`);
          }
        }
        if (m.time_extracted !== undefined && Number.isNaN(Date.parse(m.time_extracted))) problems.push(`${where}: bad time_extracted`);
        break;
      }
      case 'STATE':
        if (typeof m.value !== 'object' || m.value === null) problems.push(`${where}: STATE without value`);
        break;
      case 'ACTIVATE_VERSION':
        if (typeof m.stream !== 'string' || typeof m.version !== 'number') problems.push(`${where}: bad ACTIVATE_VERSION`);
        break;
      default:
        problems.push(`${where}: unknown message type ${JSON.stringify(m.type)}`);
    }
  });
  return problems;
}
