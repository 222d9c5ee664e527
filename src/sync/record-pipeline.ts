import { InvalidRecordError } from '../errors.js';
import type { Logger } from '../logger.js';
import { compileCheckedNormalizer } from '../normalize/compile-normalizer.js';
import { compileValidator, dateTimeFormat } from '../normalize/compile-validator.js';
import { loadStreamSchema } from '../normalize/load-schema.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { DELETED_AT } from './deletions/deleted-at-column.js';

export type RecordPipeline = (raws: Record<string, unknown>[]) => Record<string, unknown>[];

/**
 * normalize, select fields and validate, for one stream, in one pass per record: the normalizer is compiled for
 * the selected schema (deselected fields, top level and nested, are never copied) and checks each value's type
 * as it writes it; ajv validates only a record those checks can't vouch for (it names the problem). A batch
 * is checked whole before any of it is written, so with `on_invalid_record: fail` the last STATE covers
 * exactly what was written.
 */
export function createRecordPipeline(selected: SelectedStream, onInvalidRecord: 'fail' | 'warn', logger: Logger): RecordPipeline {
  const name = selected.definition.name;
  const normalizer = compileCheckedNormalizer(selected.schema, name, {
    knownSchema: loadStreamSchema(name),
    isDateTime: dateTimeFormat(),
    onUnknownField: (path) => logger.info(`${path}: field not in the schema; dropped (reported once)`),
  });
  const validate = compileValidator(selected.schema);
  const warnedFields = new Set<string>();
  const key = selected.definition.key;
  /** `id 1003`, `category_id 7`, `order_id 100, id 2`: the record's key as the stream defines it. */
  const keyOf = (record: Record<string, unknown>): string => key.map((k) => `${k} ${JSON.stringify(record[k])}`).join(', ');

  return (raws) => {
    const out: Record<string, unknown>[] = new Array(raws.length);
    for (let i = 0; i < raws.length; i++) {
      const record = normalizer.normalize(raws[i]!);
      // Null is valid for the column whatever the checks said of the rest.
      if (selected.hasDeletedAt) record[DELETED_AT] = null;
      const problem = normalizer.isLastValid() ? null : validate(record);
      if (problem) {
        const where = `stream "${name}" record ${keyOf(record)} field ${problem.field || '(record)'}`;
        if (onInvalidRecord === 'fail') {
          throw new InvalidRecordError(
            `Invalid record in ${where}: expected ${problem.expected}, got ${problem.actual}. Set on_invalid_record to "warn" to write such records anyway, and report this to the tap's maintainers.`,
            { details: problem.message },
          );
        }
        if (!warnedFields.has(problem.field)) {
          warnedFields.add(problem.field);
          logger.warn(
            `Record does not match the schema in ${where}: expected ${problem.expected}, got ${problem.actual}; written unchanged (warned once per field).`,
          );
        }
      }
      out[i] = record;
    }
    return out;
  };
}
