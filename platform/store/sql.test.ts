import { describe, expect, it } from 'vitest';
import { chunked, numberPlaceholders, placeholders, valuesList } from './sql';

describe('SQL helpers shared by both engines', () => {
  it('numbers every ? in order for PostgreSQL, also in a whole batch of multi-row values', () => {
    expect(numberPlaceholders('SELECT 1')).toBe('SELECT 1');
    expect(numberPlaceholders('')).toBe('');
    expect(numberPlaceholders('a = ? AND b IN (?, ?)?')).toBe('a = $1 AND b IN ($2, $3)$4');
    const sql = numberPlaceholders(`INSERT INTO t (a, b) VALUES ${valuesList(500, 23)}`);
    expect(sql.match(/\$\d+/g)).toEqual(Array.from({ length: 11_500 }, (_, i) => `$${i + 1}`));
    expect(numberPlaceholders(`x IN (${placeholders(3)})`)).toBe('x IN ($1, $2, $3)');
  });

  it('splits a batch into parts of at most the given size, in order', () => {
    expect(chunked([], 2)).toEqual([]);
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([1, 2], 500)).toEqual([[1, 2]]);
  });
});
