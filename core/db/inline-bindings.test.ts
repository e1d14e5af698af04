import { describe, expect, it } from 'vitest';
import { inlineBindings } from './inline-bindings.js';

describe('inlineBindings', () => {
  it('writes each parameter in as the literal of its text form', () => {
    expect(inlineBindings('select "a"."b" from "t" as "a" where "a"."id" = $1 and x >= $2 limit $3', ['0193-x', 99000, 21])).toBe(
      `select "a"."b" from "t" as "a" where "a"."id" = '0193-x' and x >= '99000' limit '21'`,
    );
    expect(inlineBindings('insert into t (a, b, c, d) values ($1, $2, $3, $4)', [null, true, [1, 2], { k: "it's" }])).toBe(
      `insert into t (a, b, c, d) values (NULL, 'true', '{"1","2"}', '{"k":"it''s"}')`,
    );
  });

  it('quotes so that neither quotes nor backslashes end the literal', () => {
    expect(inlineBindings('select $1', ["x' or 1=1 --"])).toBe(`select 'x'' or 1=1 --'`);
    expect(inlineBindings('select $1', ['a\\b'])).toBe(`select  E'a\\\\b'`);
  });

  it('leaves $n inside strings and quoted names alone, and $10 is not $1', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineBindings(`select '$1', "$2", $10, 'it''s $3'`, values)).toBe(`select '$1', "$2", 'v10', 'it''s $3'`);
  });

  it('gives up on what it does not follow', () => {
    for (const sql of ['select 1; select 2', 'select $1 -- c', 'select /* c */ 1', "select E'\\n'", 'select $$x$$', 'select $2', "select 'open"]) {
      expect(inlineBindings(sql, ['a'])).toBeUndefined();
    }
    expect(inlineBindings('select $1', [Buffer.from('x')])).toBeUndefined();
    expect(inlineBindings('select $1', ['nul\0'])).toBeUndefined();
    expect(inlineBindings('COMMIT;', [])).toBe('COMMIT');
  });
});
