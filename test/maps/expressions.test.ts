import { describe, expect, it } from 'vitest';
import { compileExpression, type NameContext } from '../../src/maps/expression-compiler.js';
import { parseExpression } from '../../src/maps/expression-parser.js';
import { inferType } from '../../src/maps/expression-type.js';

const names: NameContext = {
  properties: {
    id: { type: 'integer' },
    email: { type: ['string', 'null'] },
    first_name: { type: ['string', 'null'] },
    total: { type: ['number', 'null'] },
    tags: { type: ['array', 'null'], items: { type: 'string' } },
    address: { type: ['object', 'null'], properties: { city: { type: 'string' } } },
    is_vip: { type: ['boolean', 'null'] },
    config: { type: 'string' },
  },
  deselected: ['notes'],
  config: { seed: 'seed:', limit: 100 },
  streamName: 'people',
  sourceStreamName: 'customers',
};

const record = {
  id: 7,
  email: 'ada@example.com',
  first_name: 'Ada',
  total: 150.5,
  tags: ['a', 'b', 'c'],
  address: { city: 'Oslo' },
  is_vip: false,
  config: 'a property named config',
};

const evaluate = (text: string, rec: Record<string, unknown> = record, self: unknown = null) =>
  compileExpression(parseExpression(text), names)({ record: rec, self });

const rejection = (text: string): string => {
  try {
    compileExpression(parseExpression(text), names);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} was accepted`);
};

describe('stream-map expressions: the supported Python subset', () => {
  it.each([
    // property references, record[...], _[...], self, config[...], stream names
    ['email', 'ada@example.com'],
    ["record['email']", 'ada@example.com'],
    ["_['first_name']", 'Ada'],
    ["record['config']", 'a property named config'],
    ["config['seed']", 'seed:'],
    ['__stream_name__', 'people'],
    ['__original_stream_name__', 'customers'],
    ["address['city']", 'Oslo'],
    ["address['zip']", null],
    ['tags[0]', 'a'],
    ['tags[-1]', 'c'],
    ['email[0] + email[-1]', 'am'],
    // literals
    ["'single'", 'single'],
    ['"double"', 'double'],
    ['42', 42],
    ['2.5', 2.5],
    ['True', true],
    ['False', false],
    ['None', null],
    // arithmetic, with Python's bool-as-number
    ['id + 1', 8],
    ['id - 10', -3],
    ['id * 2', 14],
    ['id / 2', 3.5],
    ['-id', -7],
    ['+id', 7],
    ['True + 1', 2],
    ["first_name + ' ' + 'Lovelace'", 'Ada Lovelace'],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    // comparisons
    ['id == 7', true],
    ['id != 7', false],
    ['total > 100', true],
    ['total >= 150.5', true],
    ['id < 7', false],
    ['id <= 7', true],
    ["email == 'ada@example.com'", true],
    ["first_name < 'Bob'", true],
    ['1 == 1.0', true],
    ['True == 1', true],
    ['None == None', true],
    ['tags == tags', true],
    // and / or / not return operands as Python does, with Python's precedence
    ["is_vip or 'no'", 'no'],
    ['first_name and email', 'ada@example.com'],
    ["'' and email", ''],
    ['not is_vip', true],
    ['not id == 7', false],
    ['(not id) == 7', false],
    ['not id == 7 or total > 100', true],
    ['not not id', true],
    ['id > 1 and total > 100 and not is_vip', true],
    // functions and casts
    ['md5(email)', '3e3417d7ef77d5932a6734b916515ed5'],
    ['sha256(email)', 'b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72'],
    ["md5(config['seed'] + email)", '110abd62c4979c8aa64386a26f963bae'],
    ['md5(id)', '8f14e45fceea167a5a36dedd4bea2543'],
    ['md5(None)', null],
    ['str(id)', '7'],
    ['str(None)', 'None'],
    ['str(True)', 'True'],
    ['str(tags)', '["a","b","c"]'],
    ['int(total)', 150],
    ["int(' 42 ')", 42],
    ['int(-2.7)', -2],
    ['int(None)', null],
    ["float('1.5')", 1.5],
    ['float(id)', 7],
    ['bool(email)', true],
    ["bool('')", false],
    ['bool(tags)', true],
  ])('%s', (text, expected) => {
    expect(evaluate(text)).toEqual(expected);
  });

  it('self is the current value of the property being mapped; a missing property reads None', () => {
    expect(evaluate('md5(self)', record, 'ada@example.com')).toBe('3e3417d7ef77d5932a6734b916515ed5');
    expect(evaluate('self', record, undefined)).toBeNull();
    expect(evaluate('email', { id: 1 })).toBeNull();
  });

  it('and/or evaluate the right operand only when needed', () => {
    expect(evaluate('total != None and total > 100', { id: 1, total: null })).toBe(false);
    expect(evaluate("first_name or 'anonymous'", { id: 1, first_name: null })).toBe('anonymous');
  });

  it.each([
    ['email + 1', "unsupported operand type(s) for +: 'str' and 'int'"],
    ["total > 'x'", "'>' not supported between instances of 'float' and 'str'"],
    ['total > None', "'>' not supported between instances of 'float' and 'NoneType'"],
    ['id / 0', 'division by zero'],
    ['-email', "bad operand type for unary -: 'str'"],
    ["int('4.2')", 'invalid literal for int() with base 10: "4.2"'],
    ["float('nan')", 'could not convert string to float: "nan"'],
    ['tags[5]', 'list index out of range'],
    ["id['x']", "'int' object is not subscriptable"],
    ["tags['x']", 'list indices must be integers, not str'],
  ])('%s fails at run time as in Python: %s', (text, message) => {
    expect(() => evaluate(text)).toThrow(message);
  });
});

describe('stream-map expressions: what is rejected when the config is read', () => {
  it.each([
    ['fake.email()', 'Faker (fake) is not supported (fake.email)'],
    ['datetime.datetime.now()', "the SDK's datetime module is not supported (datetime.datetime.now)"],
    ['json.dumps(tags)', "the SDK's json module is not supported (json.dumps)"],
    ['str(datetime)', "the SDK's datetime module is not supported (datetime)"],
    ['email.lower()', 'the method call .lower() is not supported'],
    ["email.split('@')[-1]", 'the method call .split() is not supported'],
    ['address.city', `attribute access ".city" is not supported: use a subscript such as x['city']`],
    ['len(tags)', 'the function len() is not supported (supported: md5, sha256, str, int, float, bool)'],
    ['md5(email, id)', 'md5() takes exactly one argument here (2 given)'],
    ['md5', 'md5 is a function: call it, as in md5(x)'],
    ['emial', 'unknown name "emial" (nearest: "email")'],
    ["record['emial']", 'unknown property "emial" (nearest: "email")'],
    ['notes', '"notes" is deselected in the catalog: select it to use it in an expression'],
    ["config['sed']", 'stream_map_config has no key "sed" (keys: seed, limit)'],
    ['true', '"true" is not Python: write True'],
    ['null', '"null" is not Python: write None'],
    ['id > 1 && is_vip', 'the operator && is not Python: write and'],
    ['id > 1 || is_vip', 'the operator || is not Python: write or'],
    ['!is_vip', 'the operator ! is not Python: write not'],
    ['id === 7', 'the operator === is not Python: write =='],
    ['id % 2', 'the operator % is not supported'],
    ['id ** 2', 'the operator ** is not supported'],
    ['1 < id < 9', 'chained comparisons such as a < b < c are not supported: write a < b and b < c'],
    ['id == not is_vip', '"not" after "==" needs parentheses: write ... (not x)'],
    ["'a' if is_vip else 'b'", 'conditional expressions (x if c else y) are not supported'],
    ["f'{email}'", "string prefixes (f'', r'', b'') are not supported"],
    ['lambda x: x', 'lambda is not supported'],
    ["'a' in tags", 'the operators in and not in are not supported'],
    ["'a' not in tags", 'the operators in and not in are not supported'],
    ['email is None', 'the operators is and is not are not supported: write == None or != None'],
    ['email is not None', 'the operators is and is not are not supported: write == None or != None'],
    ['id // 2', 'the operator // is not supported'],
    ['[t for t in tags]', 'list literals [...] are not supported'],
    ['(email email)', 'not a valid expression (several expressions in () at character 13)'],
    ['email email', 'several expressions side by side are not supported'],
    ['is_vip ? 1 : 2', 'the conditional ?: is not supported'],
    ['[1, 2]', 'list literals [...] are not supported'],
    ['(id, email)', 'not a valid expression (tuples (a, b) are not supported at character 11)'],
    ['this', '"this" is not Python: use self or record'],
    ['id +', 'not a valid expression (Expected expression after + at character 4)'],
  ])('%s: %s', (text, message) => {
    expect(rejection(text)).toBe(message);
  });
});

describe('the schema type of a mapped property', () => {
  const typeOf = (text: string, existing?: Record<string, unknown>) => inferType(parseExpression(text), names.properties, existing);
  it('an outermost cast or hash sets it', () => {
    expect(typeOf('int(total)', { type: ['number', 'null'] })).toEqual({ schema: { type: ['integer', 'null'] }, isFallback: false });
    expect(typeOf('float(id)').schema).toEqual({ type: ['number', 'null'] });
    expect(typeOf('str(id)').schema).toEqual({ type: ['string', 'null'] });
    expect(typeOf('bool(tags)').schema).toEqual({ type: ['boolean', 'null'] });
    expect(typeOf('md5(id)', { type: 'integer' }).schema).toEqual({ type: ['string', 'null'] });
  });
  it('otherwise an existing property keeps its type (made nullable)', () => {
    expect(typeOf('id + 1', { type: 'integer' }).schema).toEqual({ type: ['integer', 'null'] });
    expect(typeOf('address', { type: ['object', 'null'], properties: {} }).schema).toEqual({ type: ['object', 'null'], properties: {} });
  });
  it('otherwise a new property is inferred where certain, else a string', () => {
    expect(typeOf('total > 100').schema).toEqual({ type: ['boolean', 'null'] });
    expect(typeOf('not is_vip').schema).toEqual({ type: ['boolean', 'null'] });
    expect(typeOf('id').schema).toEqual({ type: ['integer', 'null'] });
    expect(typeOf("record['tags']").schema).toEqual({ type: ['array', 'null'], items: { type: 'string' } });
    expect(typeOf('id * 2').schema).toEqual({ type: ['integer', 'null'] });
    expect(typeOf('id / 2').schema).toEqual({ type: ['number', 'null'] });
    expect(typeOf("first_name + ' x'").schema).toEqual({ type: ['string', 'null'] });
    expect(typeOf('42').schema).toEqual({ type: ['integer', 'null'] });
    expect(typeOf("config['limit']")).toEqual({ schema: { type: ['string', 'null'] }, isFallback: true });
  });
});
