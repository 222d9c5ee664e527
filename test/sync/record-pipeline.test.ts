import { describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { discoverCatalog, selectFromCatalog } from '../../src/singer/catalog.js';
import { createRecordPipeline } from '../../src/sync/record-pipeline.js';

function pipelineFor(stream: string, onInvalidRecord: 'fail' | 'warn', lines: string[] = []) {
  const logger = createLogger({ level: 'info', format: 'text', write: (line) => lines.push(line.trim()), now: () => 0 });
  const selected = selectFromCatalog(discoverCatalog(), () => undefined).find((s) => s.definition.name === stream)!;
  return createRecordPipeline(selected, onInvalidRecord, logger);
}

describe('an invalid record names the record by its stream key', () => {
  it('categories (key category_id): the error names category_id, not an id the records lack', () => {
    const pipeline = pipelineFor('categories', 'fail');
    let error: unknown;
    try {
      pipeline([{ category_id: 7, name: { text: 'not a name' } }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toMatch(/^Invalid record in stream "categories" record category_id 7 field \/name: expected /);
  });

  it('with warn: one warning naming the key, the record written unchanged', () => {
    const lines: string[] = [];
    const pipeline = pipelineFor('categories', 'warn', lines);
    const [record] = pipeline([{ category_id: 8, name: { text: 'x' } }]);
    expect(record).toMatchObject({ category_id: 8, name: { text: 'x' } });
    expect(lines.filter((l) => l.includes('does not match'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('does not match'))).toMatch(/in stream "categories" record category_id 8 field \/name:/);
  });
});
